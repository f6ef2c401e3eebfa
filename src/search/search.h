/*
 * The activation search driver: trains every (activation, seed) of a
 * configuration in worker processes, journals each finished run, resumes a
 * journal where it stopped, and writes the report when every run is in.
 *
 * Workers are forked after the data are loaded, so they share one copy of
 * the images; each trains one run with max(1, cores / jobs) threads, so the
 * cores are used and never oversubscribed.  They die with the driver
 * (PR_SET_PDEATHSIG) and send their progress through a pipe.
 */
#ifndef ACTIV_SEARCH_SEARCH_H
#define ACTIV_SEARCH_SEARCH_H

#include <stddef.h>

#include "search/plan.h"
#include "search/progress.h"

typedef struct search_options {
    const search_config *cfg;
    const char *dir;          /* the journal and the report */
    int jobs;                 /* worker processes (0: one per core) */
    progress_mode progress;
    const char *command_line; /* for the journal and the report's header */
    const char *preset;       /* its name, for the report's header (NULL: none) */
    int shard_k, shard_n;     /* run only part K of N of the run list (shard.h); shard_n 0: the whole list */
} search_options;

/* Exit statuses of search_execute beyond 0 (done), 1 (a run or the report failed) and 2 (bad input). */
enum { SEARCH_INTERRUPTED = 130 };

/* Runs or resumes the search; messages go to stderr, the summary to stdout. */
int search_execute(const search_options *o);

/* Cores this process may run on. */
int search_cores(void);

#endif
