# tests/cli/gdb_session.sh runs this on tests/gdb/session.cy; the
# expected output is session.expected (addresses filtered out)
break session.cy:19
break session.cy:11
break session.cy:46 if $cy("i") == 1
break session.cy:28
run >/dev/null
# a generator stepped by hand: its locals, then across its yield back
# to main, which steps it
info locals
p $cy("i")
p $cy("n")
next
next
next
# and into it again from main: once in cy_task_step, then where it resumes
delete 1
next
step
step
step
continue
# outside coroutines (twice), called three awaits deep
cy-bt
up
cy-locals
continue
# ticker runs while outer sleeps three awaits deep
cy-locals
cy-tasks &loop
# the sleeping task, from the loop's timer: its chain, innermost first
cy-bt loop.timers[0]->root
continue
# outer's task, resumed on the loop after its sleep
p $cy("x")
cy-bt
continue
