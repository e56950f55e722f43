;;; coroc-mode.el --- major mode for coroc's .cy files (C with coroutines)  -*- lexical-binding: t -*-

;; Installed by coroc.  Use it with:
;;   (add-to-list 'load-path "/usr/share/coroc/emacs")
;;   (require 'coroc-mode)

;;; Commentary:

;; A .cy file is C11 plus the words coroutine, yield, await, throw,
;; try/catch and defer.  coroc-mode is c-mode with those words shown as
;; keywords and the runtime's cy_ and CY_ names highlighted; indentation and
;; everything else are c-mode's.

;;; Code:

(require 'cc-mode)

(defconst coroc-mode-keywords
  '("coroutine" "yield" "await" "throw" "try" "catch" "defer")
  "The words coroc adds to C.")

(defconst coroc-mode-font-lock
  `((,(regexp-opt coroc-mode-keywords 'symbols) . font-lock-keyword-face)
    ("\\_<cy_[A-Za-z0-9_]+\\_>" . font-lock-function-name-face)
    ("\\_<CY_[A-Za-z0-9_]+\\_>" . font-lock-constant-face))
  "Highlighting coroc-mode adds to c-mode's.")

;;;###autoload
(define-derived-mode coroc-mode c-mode "coroc"
  "Major mode for coroc's .cy files: C with coroutines."
  (font-lock-add-keywords nil coroc-mode-font-lock))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.cy\\'" . coroc-mode))

(provide 'coroc-mode)

;;; coroc-mode.el ends here
