/*
 * What every way of running a search shares (worker processes on one
 * machine, MPI ranks, shards, merge): loading and checking the data, training
 * one run, opening the journal, finding the runs it lacks, and the report.
 */
#ifndef ACTIV_SEARCH_DRIVER_H
#define ACTIV_SEARCH_DRIVER_H

#include <stddef.h>

#include "activ/data.h"
#include "activ/train.h"
#include "search/journal.h"
#include "search/plan.h"
#include "search/run.h"
#include "search/search.h"

double search_now(void);

/* The data every run of a search trains on. */
typedef struct search_data {
    activ_dataset all, test;
} search_data;

/* Loads cfg's data and checks that the sizes fit.  0, or -1 with a message. */
int search_load_data(const search_config *cfg, search_data *d, char *err, size_t errlen);
void search_free_data(search_data *d);
/* Builds the network with every activation, so a bad model or spec fails before any run starts. */
int search_check_model(const search_config *cfg, const activ_dataset *d, char *err, size_t errlen);

/*
 * Trains one run with threads threads: the validation split by seed, then
 * the first train_size of the rest, as activ train does.  r borrows res's
 * log (free res with activ_train_result_free).  0, or -1 with a message.
 */
int search_train_one(const search_config *cfg, const search_data *d, const search_item *it, int threads,
                     const activ_train_hooks *hooks, search_run *r, activ_train_result *res, char *err,
                     size_t errlen);

/* The journal of a search (or of one shard of it), open and locked. */
typedef struct search_journal {
    search_item *items; /* the runs this process is to have: the whole list or one shard's part */
    size_t n, all;      /* their count; the whole list's */
    size_t *todo;       /* indices into items of the runs not yet in the journal */
    size_t ntodo;
    int lock;
} search_journal;

/*
 * Plans the runs (the shard's, if o asks for one), creates and locks DIR
 * (a shard takes its own lock, so shards share a DIR), checks or writes
 * search.json and finds the runs to train.  0, 2 for bad input or another
 * configuration, 1 otherwise; with a message.
 */
int search_journal_open(const search_options *o, search_journal *j, char *err, size_t errlen);
void search_journal_close(search_journal *j);

/* Reads every run of items from DIR, in order.  0, or -1 (with a message on stderr). */
int search_load_runs(const char *dir, const search_config *cfg, const search_item *items, size_t n,
                     search_run *runs);

/*
 * Writes the report of runs into dir and the summary to stdout.  m gives
 * command_line, preset, threads, workers and total_seconds; the rest is
 * filled from cfg and the machine.  0, or 1 with a message on stderr.
 */
int search_report(const char *dir, const search_config *cfg, search_meta *m, const search_run *runs, size_t n);

/* Loads every run of the list from dir, then search_report. */
int search_report_journal(const char *dir, const search_config *cfg, search_meta *m, const search_item *items,
                          size_t n);

#endif
