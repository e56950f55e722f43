/*
 * bench.h - helpers shared by every compiled benchmark program (C, C++ and
 * the .cy files, which coroc passes through unchanged).
 *
 * Every program prints its results on stdout as lines the harness
 * (bench/harness.py) parses:
 *
 *     checksum <unsigned decimal>
 *     metric <name> <value> <unit>
 *
 * Build with -D_GNU_SOURCE (clock_gettime under -std=c11).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Monotonic time in nanoseconds. */
static inline double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* A field of /proc/self/status in KiB ("VmRSS", "VmHWM"); -1 if unknown. */
static inline long bench_status_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

/* Positive integer argument i, or def when absent. */
static inline long bench_arg(int argc, char **argv, int i, long def)
{
    if (argc > i) {
        long v = strtol(argv[i], NULL, 10);
        if (v > 0)
            return v;
    }
    return def;
}

static inline void bench_checksum(unsigned long long v)
{
    printf("checksum %llu\n", v);
}

static inline void bench_metric(const char *name, double value,
                                const char *unit)
{
    printf("metric %s %.3f %s\n", name, value, unit);
}

/* Keep a value alive without letting the compiler see through it. */
#define BENCH_KEEP(x) __asm__ volatile("" : : "g"(x) : "memory")

#endif /* BENCH_H */
