/* the digraphs <: :> <% %> read as [ ] { } */
#include <stdio.h>
coroutine(int) void d(void) <% int a<:2:> = <% 1, 2 %>; yield a<:1:>; %>
int main(void) <% cy_task *t = d(); while (cy_task_step(t) > 0) printf("%d\n", CY_YIELDED(t, int)); cy_task_free(t); return 0; %>
