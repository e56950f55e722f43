/*
 * fast_food_kitchen.cy - the fast-food restaurant with a real kitchen:
 * four customers order at once, but there are only two cooks (a
 * semaphore) and a single fryer (a lock).  The doors open after 1 second
 * (an event).  Each customer's order is a task; it waits for a cook, the
 * cook prepares the main dish, then waits for the fryer if the order has
 * fries, and gives the cook back once the order is served.
 *
 *   async def frire(nom):
 *       if friteuse.locked():
 *           print(f"[{t()}] {nom} attend la friteuse")
 *       async with friteuse:
 *           print(f"[{t()}] Frites dans la friteuse ({nom})")
 *           await asyncio.sleep(2)
 *           print(f"[{t()}] frites : prêt ! ({nom})")
 *
 *   async def client(nom, plat, cuisson, frites):
 *       print(f"[{t()}] {nom} commande : {plat}" + (" + frites" if frites else ""))
 *       await ouvert.wait()
 *       if cuisiniers.locked():
 *           print(f"[{t()}] {nom} attend un cuisinier")
 *       async with cuisiniers:
 *           print(f"[{t()}] Un cuisinier prépare : {plat} ({nom})")
 *           await asyncio.sleep(cuisson)
 *           print(f"[{t()}] {plat} : prêt ! ({nom})")
 *           if frites:
 *               await frire(nom)
 *           print(f"[{t()}] Commande servie à {nom} !")
 *
 *   async def service():
 *       tasks = [asyncio.create_task(client(*c)) for c in commandes]
 *       await asyncio.sleep(1)
 *       print(f"[{t()}] Le restaurant ouvre !")
 *       ouvert.set()
 *       await asyncio.wait(tasks)
 *       print(f"Tout le monde est servi en {t()} secondes")
 *
 * `async with X:` becomes a block that starts with an await of the
 * acquire and a `defer` of the release: the lock or the cook is given back
 * however the block is left (served, failed or cancelled).  The fryer part
 * is a coroutine of its own, as in the Python.
 *
 * The loop's clock is virtual here (cy_loop_set_virtual_time): it jumps
 * from one timer to the next, so the program takes no time at all and the
 * times it prints are exact.
 */
#include <math.h>
#include <stdio.h>

struct cuisine {
    cy_loop *loop;
    cy_sem cuisiniers; /* two cooks */
    cy_lock friteuse;  /* one fryer */
    cy_event ouvert;   /* the doors are open */
};

static long t(struct cuisine *k)
{
    return lround(cy_loop_time(k->loop));
}

static coroutine void frire(struct cuisine *k, const char *nom)
{
    if (cy_lock_locked(&k->friteuse))
        printf("[%ld] %s attend la friteuse\n", t(k), nom);
    {   /* async with friteuse: */
        await cy_lock_acquire(k->loop, &k->friteuse);
        defer cy_lock_release(&k->friteuse);
        printf("[%ld] Frites dans la friteuse (%s)\n", t(k), nom);
        await cy_sleep(k->loop, 2);
        printf("[%ld] frites : prêt ! (%s)\n", t(k), nom);
    }
}

static coroutine void client(struct cuisine *k, const char *nom, const char *plat,
                      double cuisson, int frites)
{
    printf("[%ld] %s commande : %s%s\n", t(k), nom, plat,
           frites ? " + frites" : "");
    await cy_event_wait(k->loop, &k->ouvert);
    if (cy_sem_locked(&k->cuisiniers))
        printf("[%ld] %s attend un cuisinier\n", t(k), nom);
    {   /* async with cuisiniers: */
        await cy_sem_acquire(k->loop, &k->cuisiniers);
        defer cy_sem_release(&k->cuisiniers);
        printf("[%ld] Un cuisinier prépare : %s (%s)\n", t(k), plat, nom);
        await cy_sleep(k->loop, cuisson);
        printf("[%ld] %s : prêt ! (%s)\n", t(k), plat, nom);
        if (frites)
            await frire(k, nom);
        printf("[%ld] Commande servie à %s !\n", t(k), nom);
    }
}

static coroutine void service(struct cuisine *k)
{
    cy_task *clients[4] = {
        client(k, "Alice", "burger", 3, 1),
        client(k, "Bob", "salade", 1, 0),
        client(k, "Chloé", "burger", 3, 1),
        client(k, "David", "nuggets", 2, 1),
    };
    defer { for (int i = 0; i < 4; i++) cy_task_free(clients[i]); }
    for (int i = 0; i < 4; i++)
        if (!clients[i] || cy_loop_launch(k->loop, clients[i]))
            throw ENOMEM;
    await cy_sleep(k->loop, 1);
    printf("[%ld] Le restaurant ouvre !\n", t(k));
    cy_event_set(&k->ouvert);
    await cy_wait(k->loop, clients, 4, -1, CY_ALL_COMPLETED);
    for (int i = 0; i < 4; i++)
        if (cy_task_status(clients[i]) != CY_FINISHED)
            throw EIO, "commande perdue";
    printf("Tout le monde est servi en %ld secondes\n", t(k));
}

int main(void)
{
    cy_loop loop;
    if (cy_loop_init(&loop))
        return 1;
    cy_loop_set_virtual_time(&loop, 1);
    struct cuisine k = { .loop = &loop };
    cy_sem_init(&k.cuisiniers, 2);
    cy_lock_init(&k.friteuse);
    cy_event_init(&k.ouvert);
    cy_task *s = service(&k);
    int rc = s ? cy_loop_run_until_complete(&loop, s) : -ENOMEM;
    if (rc == 0 && cy_task_status(s) != CY_FINISHED) {
        cy_task_print(s, stdout);
        rc = -EIO;
    }
    cy_task_free(s);
    cy_loop_close(&loop);
    cy_event_destroy(&k.ouvert);
    cy_lock_destroy(&k.friteuse);
    cy_sem_destroy(&k.cuisiniers);
    return rc ? 1 : 0;
}
