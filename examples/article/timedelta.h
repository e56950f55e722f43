/*
 * timedelta.h - durations as Python's datetime.timedelta prints them, for
 * the article's fast-food programs (parts 3 and 4).
 *
 * A timedelta is a count of microseconds, as Python keeps it;
 * timedelta_str writes str(td) for a duration under a day: H:MM:SS, and
 * .ffffff only when there are microseconds (0:00:04.003105, 0:00:08).
 */
#ifndef TIMEDELTA_H
#define TIMEDELTA_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t timedelta;

/* timedelta(seconds=secs), rounded to the microsecond */
static inline timedelta timedelta_seconds(double secs)
{
    return (timedelta)(secs * 1e6 + (secs < 0 ? -0.5 : 0.5));
}

/* timedelta.seconds for a duration under a day: whole seconds */
static inline int64_t timedelta_secs(timedelta d)
{
    return d / 1000000;
}

static inline const char *timedelta_str(timedelta d, char buf[32])
{
    int64_t s = d / 1000000, us = d % 1000000;
    int n = snprintf(buf, 32, "%" PRId64 ":%02" PRId64 ":%02" PRId64, s / 3600,
                     s / 60 % 60, s % 60);
    if (us && n > 0 && n < 32)
        snprintf(buf + n, (size_t)(32 - n), ".%06" PRId64, us);
    return buf;
}

#endif /* TIMEDELTA_H */
