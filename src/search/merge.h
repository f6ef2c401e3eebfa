/*
 * activ merge: the journals of a search's parts (shards, or copies of one
 * journal) into one journal and its report.  The parts must hold the same
 * configuration; a run in several parts must have the same result in each;
 * a missing run refuses the merge unless a partial report is asked for,
 * and that report says so on its every page.
 */
#ifndef ACTIV_SEARCH_MERGE_H
#define ACTIV_SEARCH_MERGE_H

#include <stddef.h>

typedef struct merge_options {
    char **dirs; /* the parts */
    size_t ndirs;
    const char *out; /* the merged journal and report (may be one of dirs) */
    int allow_partial;
} merge_options;

/* 0 done, 1 missing runs (refused) or a failure, 2 bad input (unreadable or mismatched parts). */
int search_merge(const merge_options *m);

#endif
