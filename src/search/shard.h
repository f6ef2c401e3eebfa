/*
 * Shards: the K-th of N deterministic parts of a search's run list, for job
 * arrays and plain loops.  Part K holds the runs whose index in the whole
 * list is K-1 modulo N, so every part gets every activation and a mix of
 * seeds, and the parts together are the list, each run once.
 */
#ifndef ACTIV_SEARCH_SHARD_H
#define ACTIV_SEARCH_SHARD_H

#include <stddef.h>

#include "search/plan.h"

/* Parses "K/N" (1 <= K <= N).  0, or -1 with a message. */
int search_shard_parse(const char *s, int *k, int *n, char *err, size_t errlen);

/* Keeps the shard's runs of items[0..n), in order, at its front; their count. */
size_t search_shard_select(search_item *items, size_t n, int k, int nshards);

#endif
