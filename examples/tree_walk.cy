/*
 * tree_walk.cy - an inorder walk of a binary tree by recursive delegation:
 * each call yields its node's value between the walks of its children.
 *
 *   def inorder(node):
 *       if node:
 *           yield from inorder(node.left)
 *           yield node.value
 *           yield from inorder(node.right)
 *
 *   print(list(inorder(tree)))
 *
 * `await inorder(...)` is `yield from`: the innermost frame's yields reach
 * the driver directly (one resume per value, whatever the depth), and the
 * frames of the recursion come from a region, not from malloc.
 */
#include <stdio.h>

struct node {
    int value;
    const struct node *left, *right;
};

static coroutine(int) void inorder(const struct node *node)
{
    if (!node)
        return;
    await inorder(node->left);
    yield node->value;
    await inorder(node->right);
}

int main(void)
{
    /*        4
     *      /   \
     *     2     6
     *    / \   / \
     *   1   3 5   7  */
    static const struct node n1 = { 1, NULL, NULL }, n3 = { 3, NULL, NULL },
                             n5 = { 5, NULL, NULL }, n7 = { 7, NULL, NULL },
                             n2 = { 2, &n1, &n3 }, n6 = { 6, &n5, &n7 },
                             n4 = { 4, &n2, &n6 };
    cy_task *walk = inorder(&n4);
    if (!walk)
        return 1;
    printf("[");
    for (int i = 0; cy_task_step(walk) == 1; i++)
        printf(i ? ", %d" : "%d", CY_YIELDED(walk, int));
    printf("]\n");
    int rc = cy_task_status(walk) == CY_FINISHED ? 0 : 1;
    cy_task_free(walk);
    return rc;
}
