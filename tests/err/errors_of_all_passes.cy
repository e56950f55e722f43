/* A parse error in one coroutine does not hide the errors the analysis
 * finds in the others; an await of the one that did not parse is not
 * reported again as an await of an unknown function. */
coroutine int broken(int x) { int y = ; return y; }
coroutine int uses(void) { int v = await broken(1); yield 3; return v; }
coroutine void other(void) { return 1; }
