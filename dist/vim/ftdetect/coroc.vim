" coroc.vim - .cy files are coroc sources (C with coroutines).
" Installed by coroc; put this directory's parent on 'runtimepath', e.g.
"   set runtimepath+=/usr/share/coroc/vim
autocmd BufNewFile,BufRead *.cy setfiletype coroc
