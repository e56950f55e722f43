# coroc_gdb.py - gdb commands for programs built from coroc's .cy files.
#
# Loaded by gdb itself: coroc's output (with its #line directives) names
# this file in a .debug_gdb_scripts section, so gdb loads it with the
# program once the directory it is installed in is in gdb's auto-load
# safe-path (docs/debugging.md).  It needs only what the generated C
# already has: in a resume function NAME__resume, the local cy_f points at
# the frame, whose members are the coroutine's parameters and locals under
# their .cy names; every frame starts with a cy_task (desc, link, state,
# status), and its desc names the coroutine and, for each resume point,
# the .cy line (cy_file, cy_lines, cy_nlines).
#
#   cy-locals            the locals of the coroutine being debugged
#   $cy("x")             one of them by its .cy name (p $cy("x"))
#   cy-bt [TASK]         the async backtrace: the chain of awaiting frames,
#                        innermost first, each where it is suspended
#   cy-tasks LOOP        every task of a loop (a cy_loop * or a cy_loop)
#                        with its status and its frames
import gdb

STATUS = ("NEW", "RUNNING", "FINISHED", "ERROR", "CANCELLED")
STATE_CANCEL = 0xFFFF

# Stepping goes over the runtime: its C files (the loop, the waits, the
# allocations: breakpoints in coroutines they run still stop) and the
# helpers of its headers that never call back into a coroutine.
# cy_task_step and cy_run_inline do call a resume function: `step` goes
# through them into the coroutine.
SKIPPED_FILES = ("*/runtime/*.c", "runtime/*.c")
SKIPPED = ("cy_memcpy", "cy_task_init", "cy_errcode", "cy_pool_get", "cy_pool_put",
           "cy_region_alloc", "cy_region_pop", "cy_region_release", "cy_region_frame",
           "cy_failed", "cy_fail", "cy_fail_as", "cy_result_of", "cy_task_status",
           "cy_task_done", "cy_task_error")


def _task_ptr_type():
    return gdb.lookup_type("cy_task").pointer()


def _frame_var(frame):
    """The cy_f of a gdb frame of a resume function, else None."""
    try:
        fn = frame.function()
        if fn is None or not fn.name.endswith("__resume"):
            return None
        return frame.read_var("cy_f")
    except (ValueError, RuntimeError, gdb.error):
        return None


def _coroutine_frame():
    """The selected gdb frame if it runs a coroutine, else the nearest
    older one that does: (gdb frame, cy_f)."""
    frame = gdb.selected_frame()
    while frame is not None:
        cy_f = _frame_var(frame)
        if cy_f is not None:
            return frame, cy_f
        frame = frame.older()
    raise gdb.GdbError("no coroutine frame here (no NAME__resume on the stack)")


def _members(value):
    """(name, value) of a frame's parameters and locals: its members,
    those of anonymous structs and unions included, less coroc's own
    (cy_...)."""
    out = []
    for field in value.type.strip_typedefs().fields():
        if field.name is None or field.name == "":
            out.extend(_members(value[field]))
        elif not field.name.startswith("cy_"):
            out.append((field.name, value[field.name]))
    return out


def _block_locals(frame):
    """The resume function's own C locals (those that do not outlive a
    suspension) visible at the frame's pc."""
    out, seen = [], set()
    try:
        block = frame.block()
    except RuntimeError:
        return out
    while block is not None:
        for sym in block:
            if (sym.is_variable or sym.is_argument) and not sym.name.startswith("cy_") \
                    and sym.name not in seen:
                seen.add(sym.name)
                try:
                    out.append((sym.name, sym.value(frame)))
                except (RuntimeError, gdb.error):
                    pass
        if block.function is not None:
            break
        block = block.superblock
    return out


def _string(ptr):
    try:
        if int(ptr) == 0:
            return None
        return ptr.string()
    except (RuntimeError, gdb.error, gdb.MemoryError):
        return None


def _name(task):
    return _string(task["desc"]["name"]) or "?"


def _position(task):
    """'file:line' where a frame is suspended, or None."""
    desc = task["desc"]
    state = int(task["state"])
    try:
        lines = desc["cy_lines"]
        nlines = int(desc["cy_nlines"])
    except gdb.error:
        return None
    if int(lines) == 0 or state >= nlines or int(task["status"]) >= 2:
        return None
    file = _string(desc["cy_file"]) or "?"
    return "%s:%d" % (file, int(lines[state]))


def _running():
    """The frames being run now, each with the line its resume function
    is at: {address of the frame: gdb symtab_and_line}.  A frame that runs
    is not suspended: its state still names its previous resume point."""
    out = {}
    try:
        frame = gdb.newest_frame()
    except gdb.error:
        return out
    while frame is not None:
        cy_f = _frame_var(frame)
        if cy_f is not None and int(cy_f) not in out:
            out[int(cy_f)] = frame.find_sal()
        frame = frame.older()
    return out


def _where(task, running_sal=None):
    if running_sal is not None and running_sal.symtab is not None:
        return "%s at %s:%d" % (_name(task), running_sal.symtab.filename, running_sal.line)
    pos = _position(task)
    return _name(task) + (" at " + pos if pos else "")


def _chain(start):
    """The frames from start up to its task's root: each frame's link is
    the frame awaiting it; the root's link is itself (it runs inline) or
    the innermost frame (start)."""
    frames, seen = [start], {int(start)}
    f = start
    while True:
        nxt = f["link"]
        if int(nxt) == int(f) or int(nxt) == int(start) or int(nxt) in seen or int(nxt) == 0:
            return frames
        seen.add(int(nxt))
        frames.append(nxt)
        f = nxt


class CyLocals(gdb.Command):
    """cy-locals: the parameters and locals of the coroutine being debugged,
under their .cy names (the frame's members, then the resume function's own
C locals)."""

    def __init__(self):
        super().__init__("cy-locals", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        frame, cy_f = _coroutine_frame()
        task = cy_f.cast(_task_ptr_type())
        gdb.write("coroutine %s:\n" % _name(task))
        shown = set()
        for name, value in _members(cy_f.dereference()) + _block_locals(frame):
            if name in shown:
                continue
            shown.add(name)
            gdb.write("  %s = %s\n" % (name, value.format_string()))


class CyValue(gdb.Function):
    """$cy("x"): the coroutine local or parameter x of the coroutine being
debugged (a frame member or a local of its resume function)."""

    def __init__(self):
        super().__init__("cy")

    def invoke(self, name):
        name = name.string()
        frame, cy_f = _coroutine_frame()
        for member, value in _members(cy_f.dereference()):
            if member == name:
                return value
        for local, value in _block_locals(frame):
            if local == name:
                return value
        raise gdb.GdbError("coroutine %s has no local '%s'"
                           % (_name(cy_f.cast(_task_ptr_type())), name))


class CyBacktrace(gdb.Command):
    """cy-bt [TASK]: the async backtrace, innermost first: the coroutine
being debugged, then each frame that awaits it up to its task's root, with
its coroutine name and the .cy line where it is suspended.  With TASK (a
cy_task * expression), the chain of that task from its innermost frame."""

    def __init__(self):
        super().__init__("cy-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        running = _running()
        if arg.strip():
            root = gdb.parse_and_eval(arg).cast(_task_ptr_type())
            start = root["link"]
        else:
            frame, cy_f = _coroutine_frame()
            start = cy_f.cast(_task_ptr_type())
            running[int(start)] = frame.find_sal()
        for i, task in enumerate(_chain(start)):
            gdb.write("#%d  %s\n" % (i, _where(task, running.get(int(task)))))


def _loop_tasks(loop):
    """Every task a loop holds: the ready ones in their turn order, then
    the waiting ones (from its timers and its waiter table), once each;
    with, for each waiting task, the tasks its joins await."""
    ready = []
    # the ring: blocks of slots, each followed by the next block's first
    # and end slot (runtime/loop.c)
    p, end = loop["rd"], loop["rd_end"]
    link_type = end.type.pointer()
    for i in range(int(loop["count"])):
        ready.append(p.dereference())
        p += 1
        if int(p) == int(end):
            link = end.cast(link_type)
            p, end = link.dereference(), (link + 1).dereference()
    waiting, awaits = {}, {}
    for i in range(int(loop["ntimers"])):
        root = loop["timers"][i]["root"]
        waiting.setdefault(int(root), root)
    for i in range(int(loop["wcap"])):
        slot = loop["wslots"][i]
        key = slot["key"]
        if int(key) == 0:
            continue
        w = slot["head"]
        while int(w) != 0:
            root = w["root"]
            waiting.setdefault(int(root), root)
            if int(key) != int(root["link"]):
                awaits.setdefault(int(root), []).append(_name(key))
            w = w["next"]
    order = sorted(waiting.values(), key=lambda t: (_name(t), _position(t) or "", int(t)))
    return ready, order, awaits


class CyTasks(gdb.Command):
    """cy-tasks LOOP: every task of a loop (LOOP: a cy_loop or a pointer to
one) with its status, ready or waiting, and its frames from the task to the
innermost one it awaits, as cy_loop_dump prints them."""

    def __init__(self):
        super().__init__("cy-tasks", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: cy-tasks LOOP (a cy_loop or a cy_loop *)")
        loop = gdb.parse_and_eval(arg)
        if loop.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            loop = loop.dereference()
        ready, waiting, awaits = _loop_tasks(loop)
        running = _running()
        n = len(ready) + len(waiting)
        gdb.write("loop: %d task%s, %d ready, %d waiting\n"
                  % (n, "" if n == 1 else "s", len(ready), len(waiting)))
        for kind, tasks in (("ready", ready), ("waiting", waiting)):
            for t in tasks:
                chain = list(reversed(_chain(t["link"])))
                status = int(t["status"])
                text = " > ".join(_where(f, running.get(int(f))) for f in chain)
                extra = "".join(" '%s'" % a for a in awaits.get(int(t), []))
                gdb.write("  [%s] %s: %s%s\n" % (STATUS[status] if status < len(STATUS) else status,
                                                  kind, text, extra))


def _skip_helpers():
    for pattern in SKIPPED_FILES:
        try:
            gdb.execute("skip -gfile " + pattern, to_string=True)
        except gdb.error:
            pass
    for name in SKIPPED:
        try:
            gdb.execute("skip function " + name, to_string=True)
        except gdb.error:
            pass


CyLocals()
CyValue()
CyBacktrace()
CyTasks()
_skip_helpers()
