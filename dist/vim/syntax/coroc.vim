" coroc.vim - Vim syntax for coroc's .cy files: C11 plus coroutine, yield,
" await, throw, try, catch and defer, and the runtime's cy_ and CY_ names.
" Installed by coroc; see ../ftdetect/coroc.vim for the file type.
if exists('b:current_syntax')
  finish
endif

" Everything C has.
runtime! syntax/c.vim
unlet! b:current_syntax

syn keyword corocStatement  yield await throw defer
syn keyword corocException  try catch
syn keyword corocStorage    coroutine
" The runtime: cy_task, cy_loop_run, CY_RESULT, ...
syn match   corocRuntime    "\<cy_\w\+"
syn match   corocConstant   "\<CY_\w\+"

hi def link corocStatement  Statement
hi def link corocException  Exception
hi def link corocStorage    StorageClass
hi def link corocRuntime    Function
hi def link corocConstant   Constant

let b:current_syntax = 'coroc'
