#include "search/shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int search_shard_parse(const char *s, int *k, int *n, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10), b = 0;
    int ok = end != s && *end == '/' && errno == 0;
    if (ok) {
        const char *rest = end + 1;
        b = strtol(rest, &end, 10);
        ok = end != rest && *end == 0 && errno == 0 && b >= 1 && b <= 1000000 && a >= 1 && a <= b;
    }
    if (!ok) {
        snprintf(err, errlen, "--shard '%s': expected K/N with 1 <= K <= N, e.g. 2/8", s);
        return -1;
    }
    *k = (int)a, *n = (int)b;
    return 0;
}

size_t search_shard_select(search_item *items, size_t n, int k, int nshards)
{
    size_t kept = 0;
    for (size_t i = (size_t)(k - 1); i < n; i += (size_t)nshards) items[kept++] = items[i];
    return kept;
}
