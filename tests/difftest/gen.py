"""tests/difftest/gen.py - a seeded generator of random coroutine programs.

generate(seed, families, size) returns (cy, ref): the same program twice.

* cy is a .cy file: coroutines c0..cN-1 of type `coroutine(int) int
  cK(int a, int depth)` that yield, await each other (earlier, later and
  recursive, bounded by `depth`), loop with break/continue, switch with
  fallthrough, jump with goto, throw and catch errors, register defers, and
  declare locals with several declarators and every initialiser form; a
  driver steps c0, prints every yielded value, cancels it at a chosen step
  and prints how it ended.
* ref is plain C11 that needs no coroc and no runtime: each coroutine is a
  function `r_cK(a, depth, &status)`; `yield v` logs v and counts the step
  (returning 1 at the cancellation step, which unwinds like a cancel);
  `await` is a call whose status is checked; try/catch, throw, defer and
  cancellation are gotos to a catch label or a cleanup label, with a bit
  mask for the defers reached.  The semantics are those of
  docs/language.md: defers run last registered first when the coroutine
  ends by any path, a failed await fails in turn (or is caught), a cancel
  runs the cleanup of every frame from the innermost one out.

Values stay in 0..1023 (every assignment masks), loops run at most 3 times
and recursion is bounded by `depth`, so no program has undefined behaviour
or runs long.
"""
import random
import re

FAMILIES = ('yield', 'await_earlier', 'await_later', 'await_rec', 'loops',
            'switch', 'goto', 'try', 'defer', 'cancel', 'decl_multi',
            'init_forms', 'unsized', 'unsized_tricky', 'comma_init', 'shadow',
            'await_expr', 'bdefer',
            'cond', 'macros')

CANCEL_ST = 1          # the reference's status for "cancelled" (errors are < 0)


class Var:
    def __init__(self, name, kind, n=0):
        self.name, self.kind, self.n = name, kind, n   # kind: int arr str pt ptarr

    def reads(self):
        """int-valued expressions that read this variable"""
        if self.kind == 'int':
            return [self.name]
        if self.kind == 'arr':
            return ['%s[%d]' % (self.name, i) for i in range(self.n)] + \
                   ['(int)(sizeof %s / sizeof %s[0])' % (self.name, self.name)]
        if self.kind == 'str':
            return ['%s[%d]' % (self.name, i) for i in range(self.n)] + \
                   ['(int)sizeof %s' % self.name]
        if self.kind == 'rows':
            return ['%s[%d][%d]' % (self.name, i, j) for i in range(self.n)
                    for j in (0, 1)] + \
                   ['(int)(sizeof %s / sizeof %s[0])' % (self.name, self.name)]
        if self.kind == 'pt':
            return [self.name + '.x', self.name + '.y', self.name + '.v[1]']
        if self.kind == 'ptarr':
            return ['%s[%d].%s' % (self.name, i, f) for i in range(self.n)
                    for f in ('x', 'y')] + \
                   ['(int)(sizeof %s / sizeof %s[0])' % (self.name, self.name)]
        return []

    def lvalues(self):
        if self.kind == 'int':
            return [self.name]
        if self.kind == 'arr':
            return ['%s[%d]' % (self.name, i) for i in range(self.n)]
        if self.kind == 'pt':
            return [self.name + '.x', self.name + '.y']
        if self.kind == 'ptarr':
            return ['%s[%d].x' % (self.name, i) for i in range(self.n)]
        return []


class Coro:
    def __init__(self, gen, k):
        self.g, self.k, self.name = gen, k, 'c%d' % k
        self.scopes = [[Var('a', 'int'), Var('depth', 'int')]]
        self.tries = []        # catch labels of the enclosing try statements (ref)
        self.loops = 0         # loops we are in (break/continue allowed)
        self.breakable = 0     # loops and switches
        self.defers = []       # (bit, cy text) at the top level
        self.nlabel = 0
        self.awaits = 0
        self.nvar = 0


class Gen:
    def __init__(self, seed, families, size):
        self.r = random.Random(seed)
        self.f = set(families)
        self.size = size
        self.ncoro = self.r.randint(1, 2 + size)
        self.macros = set()
        self.macro_defs = {}   # name: (cy definition, ref definition)

    # ------------------------------------------------------------ helpers
    def on(self, fam):
        return fam in self.f

    def fresh(self, c, base):
        c.nvar += 1
        return '%s%d' % (base, c.nvar)

    def label(self, c, base):
        c.nlabel += 1
        return '%s_%d' % (base, c.nlabel)

    def visible(self, c):
        return [v for s in c.scopes for v in s]

    def expr(self, c, d=0):
        r = self.r
        reads = [e for v in self.visible(c) for e in v.reads()]
        if d >= 2 or r.random() < 0.35:
            if reads and r.random() < 0.8:
                return r.choice(reads)
            return str(r.randint(0, 50))
        op = r.choice(['+', '-', '*', '^', '&', '|', '%', '<', '==', '?', ','])
        a, b = self.expr(c, d + 1), self.expr(c, d + 1)
        if op == '*':
            return '(%s * %d)' % (a, r.randint(0, 5))
        if op == '%':
            return '(%s %% %d)' % (a, r.randint(1, 9))
        if op == '?':
            return '(%s ? %s : %s)' % (self.expr(c, d + 1), a, b)
        return '(%s %s %s)' % (a, op, b)

    def cond(self, c):
        return '(%s %% %d == %d)' % (self.expr(c, 1), self.r.randint(2, 4),
                                      self.r.randint(0, 1))

    # both texts at once: lists of (cy, ref) lines
    def both(self, out, ind, cy, ref=None):
        out.append(('    ' * ind + cy, '    ' * ind + (cy if ref is None else ref)))

    def fail_to(self, c, code_expr):
        """ref: what a throw / failed await does with an error code"""
        if c.tries:
            return '{ cy_caught = %s; goto %s; }' % (code_expr, c.tries[-1])
        return '{ cy_err = %s; goto cy_cleanup; }' % code_expr

    # ---------------------------------------------------------- statements
    def block(self, c, out, ind, n, depth):
        c.scopes.append([])
        for _ in range(n):
            self.stmt(c, out, ind, depth)
        c.scopes.pop()

    def stmt(self, c, out, ind, depth):
        r = self.r
        kinds = ['assign', 'assign', 'print']
        if self.on('yield'):
            kinds += ['yield'] * 3
        if self.on('decl_multi') or self.on('init_forms'):
            kinds += ['decl'] * 2
        if depth < 3:
            kinds += ['if']
            if self.on('loops'):
                kinds += ['for', 'while', 'do']
            if self.on('switch'):
                kinds += ['switch']
            if self.on('goto'):
                kinds += ['goto_fwd', 'goto_back']
            if self.on('try'):
                kinds += ['try']
            if self.on('cond'):
                kinds += ['cond']
        if self.on('try'):
            kinds += ['throw']
        if c.loops:
            kinds += ['break', 'continue']
        if c.awaits < 3 and any(self.on(f) for f in
                                ('await_earlier', 'await_later', 'await_rec')):
            kinds += ['await'] * 2
        if self.on('macros'):
            kinds += ['macro', 'macro_forms', 'macro_forms']
        if self.on('shadow') and len(c.scopes) > 1 and not isinstance(c.scopes[-1], _Branch):
            kinds += ['shadow']
        if self.on('await_expr') and c.awaits < 3:
            kinds += ['await_if', 'await_ternary']
        if self.on('bdefer') and len(c.scopes) > 1:
            kinds += ['bdefer'] * 2
        if r.random() < 0.05:
            kinds += ['return']
        k = r.choice(kinds)
        getattr(self, 's_' + k)(c, out, ind, depth)

    def s_assign(self, c, out, ind, depth):
        lv = [e for v in self.visible(c) for e in v.lvalues()
              if v.name not in ('a', 'depth')]
        if not lv:
            return self.s_print(c, out, ind, depth)
        self.both(out, ind, '%s = (%s) & 1023;' % (self.r.choice(lv), self.expr(c)))

    def s_print(self, c, out, ind, depth):
        self.both(out, ind, 'printf("%s %%d\\n", %s);' % (c.name, self.expr(c)))

    def s_yield(self, c, out, ind, depth):
        e = self.expr(c)
        self.both(out, ind, 'yield %s;' % e,
                  'if (Y(%s)) { cy_err = CANCEL_ST; goto cy_cleanup; }' % e)

    def s_return(self, c, out, ind, depth):
        e = self.expr(c)
        self.both(out, ind, 'return %s;' % e,
                  '{ cy_res = %s; goto cy_cleanup; }' % e)

    def s_throw(self, c, out, ind, depth):
        code = self.r.choice([5, 22, 34, 71])
        g = 'if %s ' % self.cond(c) if self.r.random() < 0.7 else ''
        self.both(out, ind, g + 'throw %d;' % code, g + self.fail_to(c, '-%d' % code))

    def s_break(self, c, out, ind, depth):
        g = self.cond(c)
        self.both(out, ind, 'if %s break;' % g)

    def s_continue(self, c, out, ind, depth):
        g = self.cond(c)
        self.both(out, ind, 'if %s continue;' % g)

    def s_await(self, c, out, ind, depth):
        r = self.r
        cands = []
        if self.on('await_earlier'):
            cands += range(0, c.k)
        if self.on('await_later'):
            cands += range(c.k + 1, self.ncoro)
        if self.on('await_rec'):
            cands += [c.k]
        if not cands:
            return self.s_print(c, out, ind, depth)
        j = r.choice(list(cands))
        c.awaits += 1
        lv = [v.name for v in self.visible(c) if v.kind == 'int'
              and v.name not in ('a', 'depth')]
        arg = '(%s) & 7' % self.expr(c, 1)
        t = self.fresh(c, 'aw')
        if lv:
            tgt = r.choice(lv)
            cy = 'if (depth > 0) %s = (%s + await c%d(%s, depth - 1)) & 1023;' % (
                tgt, tgt, j, arg)
            use = '%s = (%s + %s) & 1023;' % (tgt, tgt, t)
        else:
            cy = 'if (depth > 0) printf("%s aw %%d\\n", await c%d(%s, depth - 1));' % (
                c.name, j, arg)
            use = 'printf("%s aw %%d\\n", %s);' % (c.name, t)
        ref = ('if (depth > 0) { int %s_s; int %s = r_c%d(%s, depth - 1, &%s_s); '
               'if (%s_s == CANCEL_ST) { cy_err = CANCEL_ST; goto cy_cleanup; } '
               'if (%s_s) %s %s }') % (t, t, j, arg, t, t, t,
                                      self.fail_to(c, t + '_s'), use)
        self.both(out, ind, cy, ref)

    def await_target(self, c):
        cands = []
        if self.on('await_earlier'):
            cands += range(0, c.k)
        if self.on('await_later'):
            cands += range(c.k + 1, self.ncoro)
        if self.on('await_rec'):
            cands += [c.k]
        return self.r.choice(cands) if cands else None

    def call_ref(self, c, j, arg, t):
        """ref: the call that stands for an await, its status checked"""
        return ('int %s_s; %s = r_c%d(%s, depth - 1, &%s_s); '
                'if (%s_s == CANCEL_ST) { cy_err = CANCEL_ST; goto cy_cleanup; } '
                'if (%s_s) %s') % (t, t, j, arg, t, t, t, self.fail_to(c, t + '_s'))

    def s_await_if(self, c, out, ind, depth):
        """an await in a condition, behind && (evaluated only if depth > 0)"""
        j = self.await_target(c)
        if j is None or depth >= 3:
            return self.s_print(c, out, ind, depth)
        c.awaits += 1
        arg = '(%s) & 7' % self.expr(c, 1)
        t = self.fresh(c, 'ac')
        m = self.r.randint(2, 3)
        self.both(out, ind, 'if (depth > 0 && (await c%d(%s, depth - 1)) %% %d == 0) {' % (j, arg, m),
                  '{ int %s = 0, %s_c = 0; if (depth > 0) { %s %s_c = %s %% %d == 0; } if (%s_c) {'
                  % (t, t, self.call_ref(c, j, arg, t), t, t, m, t))
        self.block(c, out, ind + 1, self.r.randint(1, 2), depth + 1)
        self.both(out, ind, '}', '} }')

    def s_await_ternary(self, c, out, ind, depth):
        j = self.await_target(c)
        lv = [v.name for v in self.visible(c) if v.kind == 'int'
              and v.name not in ('a', 'depth')]
        if j is None or not lv:
            return self.s_print(c, out, ind, depth)
        c.awaits += 1
        arg = '(%s) & 7' % self.expr(c, 1)
        t = self.fresh(c, 'at')
        tgt = self.r.choice(lv)
        k = self.r.randint(0, 9)
        self.both(out, ind, '%s = (depth > 0 ? await c%d(%s, depth - 1) * 2 : %d) & 1023;' % (tgt, j, arg, k),
                  '{ int %s = 0; if (depth > 0) { %s %s = %s * 2; } else %s = %d; %s = %s & 1023; }'
                  % (t, self.call_ref(c, j, arg, t), t, t, t, k, tgt, t))

    def s_shadow(self, c, out, ind, depth):
        """a local of an inner block with the name of an outer one"""
        outer = [v for s in c.scopes[:-1] for v in s if v.kind == 'int'
                 and v.name not in ('a', 'depth')
                 and all(w.name != v.name for w in c.scopes[-1])]
        if not outer:
            return self.s_print(c, out, ind, depth)
        # not a name a block-scoped defer of the function reads: written
        # again where its block is left, the defer would see this one, and
        # coroc refuses that (tests/err/defer_name_hidden)
        outer = [v for v in outer if v.name not in getattr(c, 'deferred_names', ())]
        if not outer:
            return self.s_print(c, out, ind, depth)
        name = self.r.choice(outer).name
        e = self.expr(c, 1)
        if re.search(r'\b%s\b' % name, e):
            e = str(self.r.randint(0, 50))
        self.both(out, ind, 'int %s = (%s) & 1023;' % (name, e))
        c.scopes[-1].append(Var(name, 'int'))

    def s_if(self, c, out, ind, depth):
        self.both(out, ind, 'if %s {' % self.cond(c))
        self.block(c, out, ind + 1, self.r.randint(1, 3), depth + 1)
        if self.r.random() < 0.5:
            self.both(out, ind, '} else {')
            self.block(c, out, ind + 1, self.r.randint(1, 3), depth + 1)
        self.both(out, ind, '}')

    def loop_body(self, c, out, ind, depth):
        c.loops += 1
        c.breakable += 1
        self.block(c, out, ind, self.r.randint(1, 3), depth + 1)
        c.loops -= 1
        c.breakable -= 1

    def s_for(self, c, out, ind, depth):
        i = self.fresh(c, 'i')
        self.both(out, ind, 'for (int %s = 0; %s < %d; %s++) {' % (
            i, i, self.r.randint(1, 3), i))
        c.scopes.append([_RO(i)])       # the counter is read, never assigned
        self.loop_body(c, out, ind + 1, depth)
        c.scopes.pop()
        self.both(out, ind, '}')

    def s_while(self, c, out, ind, depth):
        w = self.fresh(c, 'w')
        self.both(out, ind, '{')
        self.both(out, ind + 1, 'int %s = 0;' % w)
        self.both(out, ind + 1, 'while (%s < %d) {' % (w, self.r.randint(1, 3)))
        self.both(out, ind + 2, '%s++;' % w)
        c.scopes.append([_RO(w)])
        self.loop_body(c, out, ind + 2, depth)
        c.scopes.pop()
        self.both(out, ind + 1, '}')
        self.both(out, ind, '}')

    def s_do(self, c, out, ind, depth):
        w = self.fresh(c, 'd')
        self.both(out, ind, '{')
        self.both(out, ind + 1, 'int %s = 0;' % w)
        self.both(out, ind + 1, 'do {')
        self.both(out, ind + 2, '%s++;' % w)
        c.scopes.append([_RO(w)])
        self.loop_body(c, out, ind + 2, depth)
        c.scopes.pop()
        self.both(out, ind + 1, '} while (%s < %d);' % (w, self.r.randint(1, 3)))
        self.both(out, ind, '}')

    def s_switch(self, c, out, ind, depth):
        r = self.r
        self.both(out, ind, 'switch ((%s) %% 4) {' % self.expr(c, 1))
        c.breakable += 1
        cases = r.sample([0, 1, 2, 3], r.randint(1, 3))
        for v in sorted(cases):
            self.both(out, ind, 'case %d:' % v)
            self.both(out, ind + 1, '{')
            self.block(c, out, ind + 2, r.randint(1, 2), depth + 1)
            self.both(out, ind + 1, '}')
            if r.random() < 0.5:                  # else: fall through
                self.both(out, ind + 1, 'break;')
        if r.random() < 0.6:
            self.both(out, ind, 'default:')
            self.both(out, ind + 1, '{')
            self.block(c, out, ind + 2, 1, depth + 1)
            self.both(out, ind + 1, '}')
        c.breakable -= 1
        self.both(out, ind, '}')

    def s_goto_fwd(self, c, out, ind, depth):
        lab = self.label(c, 'skip')
        self.both(out, ind, '{')
        self.both(out, ind + 1, 'if %s goto %s;' % (self.cond(c), lab))
        # no declaration is jumped over: only blocks in between
        self.both(out, ind + 1, '{')
        self.block(c, out, ind + 2, self.r.randint(1, 3), depth + 1)
        self.both(out, ind + 1, '}')
        self.both(out, ind, '%s:;' % lab)
        self.both(out, ind, '}')

    def s_goto_back(self, c, out, ind, depth):
        lab = self.label(c, 'again')
        n = self.fresh(c, 'g')
        self.both(out, ind, '{')
        self.both(out, ind + 1, 'int %s = 0;' % n)
        self.both(out, ind, '%s:' % lab)
        self.both(out, ind + 1, '%s++;' % n)
        self.both(out, ind + 1, '{')
        c.scopes.append([_RO(n)])
        self.block(c, out, ind + 2, self.r.randint(1, 2), depth + 1)
        c.scopes.pop()
        self.both(out, ind + 1, '}')
        self.both(out, ind + 1, 'if (%s < %d) goto %s;' % (n, self.r.randint(1, 3), lab))
        self.both(out, ind, '}')

    def s_try(self, c, out, ind, depth):
        catch = self.label(c, 'cy_catch')
        end = self.label(c, 'cy_tend')
        e = self.fresh(c, 'e')
        self.both(out, ind, 'try {', '{')
        c.tries.append(catch)
        self.block(c, out, ind + 1, self.r.randint(1, 3), depth + 1)
        c.tries.pop()
        self.both(out, ind, '} catch (int %s) {' % e,
                  '    goto %s;' % end + ' }')
        out.append(('', '    ' * ind + '%s: {' % catch))
        self.both(out, ind + 1, '', 'int %s = cy_caught;' % e)
        c.scopes.append([_RO(e)])
        self.both(out, ind + 1, 'printf("%s caught %%d\\n", %s);' % (c.name, e))
        self.block(c, out, ind + 1, self.r.randint(0, 2), depth + 1)
        c.scopes.pop()
        self.both(out, ind, '}', '}')
        out.append(('', '    ' * ind + '%s:;' % end))

    def s_decl(self, c, out, ind, depth):
        r = self.r
        decls = []
        n = r.randint(2, 4) if self.on('decl_multi') else 1
        base = r.choice(['int', 'struct P', 'char']) if self.on('init_forms') else 'int'
        for _ in range(n):
            decls.append(self.declarator(c, base))
        decls = [d for d in decls if d]
        if not decls:
            return
        self.both(out, ind, '%s %s;' % (base, ', '.join(d[0] for d in decls)))
        for d in decls:
            c.scopes[-1].append(d[1])

    def declarator(self, c, base):
        r = self.r
        e = lambda: self.expr(c, 1)
        if base == 'int':
            forms = ['scalar']
            if self.on('init_forms'):
                forms += ['arr_full', 'arr_part', 'arr_desig', 'arr_zero']
                if self.on('unsized'):
                    forms += ['arr_unsized']
                if self.on('unsized_tricky'):
                    forms += ['arr_unsized_desig', 'arr_rows']
            f = r.choice(forms)
            name = self.fresh(c, 'v')
            if f == 'scalar':
                if self.on('comma_init') and r.random() < 0.3:   # (a, b)
                    return ('%s = (%s, %s)' % (name, e(), e()), Var(name, 'int'))
                return ('%s = (%s) & 1023' % (name, e()), Var(name, 'int'))
            if f == 'arr_full':
                return ('%s[3] = {%s, %s, %s}' % (name, e(), e(), e()), Var(name, 'arr', 3))
            if f == 'arr_part':
                return ('%s[4] = {%s}' % (name, e()), Var(name, 'arr', 4))
            if f == 'arr_desig':
                return ('%s[4] = {[2] = %s, [0] = %s}' % (name, e(), e()), Var(name, 'arr', 4))
            if f == 'arr_zero':
                return ('%s[2] = {0}' % name, Var(name, 'arr', 2))
            if f == 'arr_unsized':
                k = r.randint(1, 4)
                return ('%s[] = {%s}' % (name, ', '.join(e() for _ in range(k))),
                        Var(name, 'arr', k))
            if f == 'arr_rows':     # brace elision: ceil(k / 2) rows
                k = r.randint(1, 5)
                return ('%s[][2] = {%s}' % (name, ', '.join(e() for _ in range(k))),
                        Var(name, 'rows', (k + 1) // 2))
            if f == 'arr_unsized_desig':
                return ('%s[] = {[3] = %s, [1] = %s}' % (name, e(), e()), Var(name, 'arr', 4))
        if base == 'char':
            name = self.fresh(c, 's')
            words = ['ab', 'xyz', 'q', 'hello']
            w = r.choice(words)
            forms = ['sized']
            if self.on('unsized'):
                forms += ['unsized']
            if self.on('unsized_tricky'):
                forms += ['unsized_brace']
            f = r.choice(forms)
            if f == 'sized':
                return ('%s[8] = "%s"' % (name, w), Var(name, 'str', 8))
            if f == 'unsized':
                return ('%s[] = "%s"' % (name, w), Var(name, 'str', len(w) + 1))
            return ('%s[] = {"%s"}' % (name, w), Var(name, 'str', len(w) + 1))
        if base == 'struct P':
            forms = ['pos', 'desig', 'nested', 'zero', 'arr', 'arr_desig']
            if self.on('unsized'):
                forms += ['arr_unsized']
            if self.on('unsized_tricky'):
                forms += ['arr_elided']
            f = r.choice(forms)
            name = self.fresh(c, 'p')
            if f == 'pos':
                return ('%s = {%s, %s}' % (name, e(), e()), Var(name, 'pt'))
            if f == 'desig':
                return ('%s = {.y = %s, .v = {[1] = %s}}' % (name, e(), e()), Var(name, 'pt'))
            if f == 'nested':
                return ('%s = {%s, %s, {%s, %s}}' % (name, e(), e(), e(), e()), Var(name, 'pt'))
            if f == 'zero':
                return ('%s = {0}' % name, Var(name, 'pt'))
            if f == 'arr':
                return ('%s[2] = {{%s, %s}, {.x = %s}}' % (name, e(), e(), e()),
                        Var(name, 'ptarr', 2))
            if f == 'arr_desig':
                return ('%s[3] = {[2] = {%s, %s}, [0].y = %s}' % (name, e(), e(), e()),
                        Var(name, 'ptarr', 3))
            if f == 'arr_elided':   # brace elision: 4 ints per struct P
                k = r.randint(1, 9)
                return ('%s[] = {%s}' % (name, ', '.join(e() for _ in range(k))),
                        Var(name, 'ptarr', (k + 3) // 4))
            return ('%s[] = {{%s, %s}, {%s}}' % (name, e(), e(), e()), Var(name, 'ptarr', 2))
        return None

    def s_bdefer(self, c, out, ind, depth):
        """a block-scoped defer (issue 10) in a nested block: a print, an
        assignment that a later read sees, or a block of both; the reference
        is gcc's cleanup attribute on a nested function (DEFER, in the
        reference's head), which runs on every way out of the block, last
        registered first, as the C2y defer TS says"""
        # only inside braces of the body (not directly in it, nor behind an
        # #if at its top: the reference's gotos to cy_cleanup would enter
        # the scope of a cleanup there)
        if sum(cy.count('{') - cy.count('}') for cy, _ in out) <= 0:
            return self.s_print(c, out, ind, depth)
        r = self.r
        c.nvar += 1
        tag = '%s bd%d' % (c.name, c.nvar)
        lv = [v.name for v in self.visible(c) if v.kind == 'int'
              and v.name not in ('a', 'depth')]
        show = 'printf("%s %%d\\n", %s);' % (tag, self.expr(c, 1))
        f = r.choice(['print', 'print', 'assign', 'block'])
        if f == 'assign' and lv:
            body = '%s = (%s) & 1023;' % (r.choice(lv), self.expr(c, 1))
        elif f == 'block':
            body = '{ %s if %s %s }' % (show, self.cond(c),
                                        'printf("%s then %%d\\n", %s);' % (tag, self.expr(c, 1)))
        else:
            body = show
        c.deferred_names = getattr(c, 'deferred_names', set()) | set(re.findall(r'\b[a-z_]\w*\b', body))
        self.both(out, ind, 'defer %s' % body, 'DEFER(%s);' % body)

    def s_cond(self, c, out, ind, depth):
        """a conditional around statements (issue 10), see cond_group"""
        self.cond_group(c, out, ind, depth)

    def cond_group(self, c, out, ind, depth):
        """#if / #ifdef / #ifndef, then maybe #elif and #else, around
        statements of any kind (yields, awaits, declarations, nested
        conditionals); with an #else, maybe a local declared in every
        branch (its initialiser differs) and used after the #endif.  The
        conditions test CFG_0, CFG_1 and CFG_2 (defined when CFG_1 is
        true): cfg_head sets them, and run.py builds each program twice,
        the second time with -DDIFFTEST_FLIP, which flips every CFG_k, so
        that both sides of every conditional run."""
        r = self.r
        heads = ['#if CFG_%d' % r.randint(0, 1), '#if !CFG_%d' % r.randint(0, 1),
                 '#ifdef CFG_2', '#ifndef CFG_2', '#if CFG_0 && CFG_1',
                 '#if defined(CFG_2) || CFG_0']
        dirs = [r.choice(heads)]
        nbr = r.choice([1, 2, 2, 3])
        if nbr == 3:
            dirs.append(r.choice(['#elif CFG_%d' % r.randint(0, 1), '#elif defined CFG_2']))
        if nbr >= 2:
            dirs.append('#else')
        shared = self.fresh(c, 'd') if nbr >= 2 and r.random() < 0.5 else None
        for line in dirs:
            self.both(out, 0, line)
            c.scopes.append(_Branch())
            if shared:
                self.both(out, ind, 'int %s = (%s) & 1023;' % (shared, self.expr(c, 1)))
            for _ in range(r.randint(0, 2)):
                self.stmt(c, out, ind, depth + 1)
            c.scopes.pop()
        self.both(out, 0, '#endif')
        if shared:
            c.scopes[-1].append(Var(shared, 'int'))

    def cfg_head(self, v0, v1):
        """the configuration macros of cond_group: CFG_0 = v0, CFG_1 = v1,
        both flipped with -DDIFFTEST_FLIP"""
        if not self.on('cond'):
            return '#define CFG_0 %d\n#define CFG_1 %d\n' % (v0, v1)
        return ('#ifndef DIFFTEST_FLIP\n#define CFG_0 %d\n#define CFG_1 %d\n#else\n'
                '#define CFG_0 %d\n#define CFG_1 %d\n#endif\n'
                '#if CFG_1\n#define CFG_2\n#endif\n') % (v0, v1, 1 - v0, 1 - v1)

    def s_macro(self, c, out, ind, depth):
        """statement macros and loop macros hiding control flow (issue 10)"""
        r = self.r
        f = r.choice(['stmt', 'loop'])
        if f == 'stmt':
            self.macros.add('BUMP')
            lv = [v.name for v in self.visible(c) if v.kind == 'int'
                  and v.name not in ('a', 'depth')]
            if not lv:
                return self.s_print(c, out, ind, depth)
            self.both(out, ind, 'BUMP(%s, %d);' % (r.choice(lv), r.randint(1, 9)))
        else:
            self.macros.add('REPEAT')
            i = self.fresh(c, 'm')
            self.both(out, ind, 'REPEAT(%s, %d) {' % (i, r.randint(1, 3)))
            c.scopes.append([_RO(i)])
            self.loop_body(c, out, ind + 1, depth)
            c.scopes.pop()
            self.both(out, ind, '}')

    MACRO_DEFS = {
        'SHOW_T1': ('#define SHOW_T1() printf("show %d\\n", t1)',) * 2,
        'SHOWV': ('#define SHOWV(v) printf("%s = %d\\n", #v, (v))',) * 2,
        'TV': ('#define TV(k) t##k',) * 2,
        'OPV': ('#define OPV(op, a, b) (((a) op (b)) & 1023)',) * 2,
        'DECL_INT': ('#define DECL_INT(name, v) int name = (v) & 1023',) * 2,
        'FOR_EACH': ('#define FOR_EACH(i, arr) for (int i = 0; '
                     'i < (int)(sizeof (arr) / sizeof (arr)[0]); i++)',) * 2,
        'TWICE': ('#define TWICE(s) do { s; s; } while (0)',) * 2,
        'YIELD2': ('#define YIELD2(v) do { yield (v); yield (((v) + 1) & 1023); } while (0)',
                   '#define YIELD2(v) do { if (Y(v)) { cy_err = CANCEL_ST; goto cy_cleanup; } '
                   'if (Y(((v) + 1) & 1023)) { cy_err = CANCEL_ST; goto cy_cleanup; } } while (0)'),
        'assert': ('#include <assert.h>',) * 2,
    }

    def s_macro_forms(self, c, out, ind, depth):
        """the other macro forms of issue 10: a macro naming a local by
        itself, # and ## on locals, an operator as argument, a declaration,
        a loop over an array, a statement macro with yields or with a yield
        as argument, assert, #define and #undef inside the body"""
        r = self.r
        ints = [v.name for v in self.visible(c) if v.kind == 'int'
                and v.name not in ('a', 'depth')]
        arrs = [v for v in self.visible(c) if v.kind in ('arr', 'ptarr')]
        forms = ['show', 'showv', 'paste', 'operator', 'decl', 'yield2',
                 'twice', 'assert', 'define']
        if arrs and depth < 3:
            forms.append('for_each')
        if any(isinstance(sc, _Branch) for sc in c.scopes):
            # a #define in a conditional's branch is seen by coroc's
            # preprocessor run only in the configuration coroc runs with;
            # where its expansion names a frame local and the branch is not
            # taken, coroc refuses the use (docs/language.md, Macros)
            forms.remove('define')
        f = r.choice(forms)
        use = lambda name: self.macro_defs.setdefault(name, self.MACRO_DEFS[name])
        if f == 'show':
            use('SHOW_T1')
            self.both(out, ind, 'SHOW_T1();')
        elif f == 'showv':
            use('SHOWV')
            self.both(out, ind, 'SHOWV(%s);' % self.expr(c))
        elif f == 'paste' and 't1' in ints:
            use('TV')
            self.both(out, ind, 'TV(1) = (TV(1) + %s) & 1023;' % self.expr(c))
        elif f == 'operator' and ints:
            use('OPV')
            self.both(out, ind, '%s = OPV(%s, %s, %s);' % (
                r.choice(ints), r.choice(['+', '^', '|', '&', '-']),
                self.expr(c), self.expr(c)))
        elif f == 'decl':
            use('DECL_INT')
            d = self.fresh(c, 'd')
            self.both(out, ind, 'DECL_INT(%s, %s);' % (d, self.expr(c)))
            c.scopes[-1].append(Var(d, 'int'))
        elif f == 'yield2' and self.on('yield'):
            use('YIELD2')
            self.both(out, ind, 'YIELD2(%s);' % self.expr(c))
        elif f == 'twice' and self.on('yield'):
            use('TWICE')
            e = self.expr(c)
            self.both(out, ind, 'TWICE(yield %s);' % e,
                      'TWICE(if (Y(%s)) { cy_err = CANCEL_ST; goto cy_cleanup; });' % e)
        elif f == 'assert':
            use('assert')
            e = self.expr(c)
            self.both(out, ind, 'assert((%s) == (%s));' % (e, e))
        elif f == 'define':
            c.nlabel += 1
            m = 'LM_%d' % c.nlabel
            self.both(out, 0, '#define %s(x) ((x) + t1 + %d)' % (m, r.randint(0, 9)))
            self.both(out, ind, 'printf("%s %%d\\n", %s(%s));' % (m.lower(), m, self.expr(c)))
            self.both(out, 0, '#undef %s' % m)
        elif f == 'for_each':
            use('FOR_EACH')
            v = r.choice(arrs)
            i = self.fresh(c, 'e')
            self.both(out, ind, 'FOR_EACH(%s, %s) {' % (i, v.name))
            c.scopes.append([_RO(i)])
            self.loop_body(c, out, ind + 1, depth)
            c.scopes.pop()
            self.both(out, ind, '}')
        else:
            self.s_print(c, out, ind, depth)

    # ------------------------------------------------------------ a coroutine
    def coroutine(self, k):
        r = self.r
        c = Coro(self, k)
        out = []
        body = []
        # top-level locals a defer may read
        top = []
        for _ in range(r.randint(1, 2)):
            v = self.fresh(c, 't')
            top.append(v)
            body.append(('    int %s = (%s) & 1023;' % (v, self.expr(c, 1)),) * 2)
            c.scopes[0].append(Var(v, 'int'))
        ndefer = 0
        nstmt = r.randint(2, 3 + self.size)
        for i in range(nstmt):
            if self.on('defer') and ndefer < 3 and r.random() < 0.3:
                bit = ndefer
                ndefer += 1
                e = r.choice(top)
                txt = 'printf("%s defer%d %%d\\n", %s);' % (c.name, bit, e)
                c.deferred_names = getattr(c, 'deferred_names', set()) | {e}
                c.defers.append((bit, txt))
                body.append(('    defer ' + txt, '    cy_dm |= 1u << %d;' % bit))
                continue
            self.stmt(c, body, 1, 0)
        e = self.expr(c)
        body.append(('    return %s;' % e, '    { cy_res = %s; goto cy_cleanup; }' % e))
        sig = 'int %s(int a, int depth)' % c.name
        cy = ['coroutine(int) ' + sig, '{'] + [b[0] for b in body] + ['}']
        ref = ['static int r_%s(int a, int depth, int *cy_st)' % c.name, '{',
               '    int cy_res = 0, cy_err = 0, cy_caught = 0;',
               '    unsigned cy_dm = 0;',
               '    (void)cy_caught; (void)cy_dm;']
        ref += [b[1] for b in body]
        ref += ['cy_cleanup:']
        for bit, txt in reversed(c.defers):
            ref.append('    if (cy_dm & (1u << %d)) %s' % (bit, txt))
        ref += ['    *cy_st = cy_err;', '    return cy_res;', '}']
        return cy, ref

    def program(self):
        r = self.r
        cys, refs = [], []
        for k in range(self.ncoro):
            cy, ref = self.coroutine(k)
            cys.append(cy)
            refs.append(ref)
        a0 = r.randint(0, 7)
        depth = r.randint(1, 3)
        cancel_at = r.randint(1, 40) if self.on('cancel') and r.random() < 0.6 else 0
        cfg = self.cfg_head(r.randint(0, 1), r.randint(0, 1))
        macros = ''
        if 'BUMP' in self.macros:
            macros += '#define BUMP(v, n) do { (v) = ((v) + (n)) & 1023; } while (0)\n'
        if 'REPEAT' in self.macros:
            macros += '#define REPEAT(i, n) for (int i = 0; i < (n); i++)\n'
        head = ('/* difftest program: tests/difftest/gen.py */\n'
                '#include <stdio.h>\n#include <errno.h>\n'
                'struct P { int x, y; int v[2]; };\n' + cfg + macros)
        protos = ''.join('coroutine(int) int c%d(int a, int depth);\n' % k
                         for k in range(self.ncoro))
        cy_defs = ''.join(d[0] + '\n' for _, d in sorted(self.macro_defs.items()))
        ref_defs = ''.join(d[1] + '\n' for _, d in sorted(self.macro_defs.items()))
        cy = head + cy_defs + protos + '\n'
        cy += '\n\n'.join('\n'.join(x) for x in cys)
        cy += '''

int main(void)
{
    cy_task *t = c0(%d, %d);
    long n = 0;
    if (!t)
        return 1;
    while (cy_task_step(t) > 0) {
        printf("y %%d\\n", CY_YIELDED(t, int));
        if (++n == %d) {
            printf("cancel\\n");
            cy_task_cancel(t);
            break;
        }
    }
    int s = cy_task_status(t);
    if (s == CY_FINISHED)
        printf("FINISHED %%d\\n", CY_RESULT(t, int));
    else
        printf("%%s %%d\\n", cy_status_name(s), cy_task_error(t));
    cy_task_free(t);
    return 0;
}
''' % (a0, depth, cancel_at)
        ref = head + DEFER_REF + ref_defs + '#define CANCEL_ST %d\nstatic long n;\n' % CANCEL_ST
        ref += ('static int Y(int v)\n{\n    printf("y %%d\\n", v);\n'
                '    if (++n == %d) {\n        printf("cancel\\n");\n'
                '        return 1;\n    }\n    return 0;\n}\n') % cancel_at
        ref += ''.join('static int r_c%d(int a, int depth, int *cy_st);\n' % k
                       for k in range(self.ncoro)) + '\n'
        ref += '\n\n'.join('\n'.join(x) for x in refs)
        ref += '''

int main(void)
{
    int st;
    int r = r_c0(%d, %d, &st);
    if (st == 0)
        printf("FINISHED %%d\\n", r);
    else if (st == CANCEL_ST)
        printf("CANCELLED %%d\\n", -ECANCELED);
    else
        printf("ERROR %%d\\n", st);
    return 0;
}
''' % (a0, depth)
        return cy, ref


# the reference's block-scoped defer (family bdefer): gcc's cleanup
# attribute on a nested function
DEFER_REF = ('#define CY_CAT_(a, b) a##b\n#define CY_CAT(a, b) CY_CAT_(a, b)\n'
             '#define DEFER(...) void CY_CAT(cy_d, __LINE__)(int *cy_p) '
             '{ (void)cy_p; __VA_ARGS__ } int CY_CAT(cy_v, __LINE__) '
             '__attribute__((cleanup(CY_CAT(cy_d, __LINE__)))) = 0\n')

class _Branch(list):
    """the names a conditional's branch declares: not visible after the
    #endif for the generator, but in C they are in the enclosing block
    (no shadowing declaration goes directly in a branch)"""


class _RO(Var):
    """a loop counter or caught code: read, never assigned"""
    def __init__(self, name):
        Var.__init__(self, name, 'ro')

    def reads(self):
        return [self.name]


def generate(seed, families=FAMILIES, size=2):
    return Gen(seed, families, size).program()


BATCH_HEAD = ('/* difftest batch: tests/difftest/gen.py */\n'
              '#include <stdio.h>\n#include <errno.h>\n#include <assert.h>\n'
              'struct P { int x, y; int v[2]; };\n')
_GLOBAL = re.compile(r'\b(r_c\d+|c\d+|Y|n|CFG_\d+|main)\b')


def for_batch(text, seed):
    """one program of a batch: its file-scope names prefixed with sSEED_,
    its main a static function sSEED_main, the common head left out"""
    keep = []
    for line in text.split('\n'):
        if line.startswith(('/* difftest program', '#include <',
                            'struct P { int x, y; int v[2]; };')):
            continue
        keep.append(line)
    body = _GLOBAL.sub(lambda m: 's%d_%s' % (seed, m.group(1)), '\n'.join(keep))
    return body.replace('int s%d_main(void)' % seed, 'static int s%d_main(void)' % seed)


def batch(seeds, families=FAMILIES, size=2):
    """(cy, ref, spans): several programs in one file each, run one after
    the other, each output preceded by a line '=== SEED'; spans maps each
    seed to the lines of cy it occupies (first, last), to tell which
    program a diagnostic is about"""
    cy, ref = [BATCH_HEAD], [BATCH_HEAD]
    spans = {}
    line = BATCH_HEAD.count('\n') + 1
    for s in seeds:
        a, b = generate(s, families, size)
        a, b = for_batch(a, s) + '\n', for_batch(b, s) + '\n'
        spans[s] = (line, line + a.count('\n') - 1)
        line += a.count('\n')
        cy.append(a)
        ref.append(b)
    drive = ('int main(void)\n{\n' + ''.join(
        '    printf("=== %d\\n");\n    fflush(stdout);\n    s%d_main();\n' % (s, s)
        for s in seeds) + '    return 0;\n}\n')
    return ''.join(cy) + drive, ''.join(ref) + drive, spans


if __name__ == '__main__':
    import sys
    cy, ref = generate(int(sys.argv[1]))
    sys.stdout.write(cy if len(sys.argv) < 3 or sys.argv[2] == 'cy' else ref)
