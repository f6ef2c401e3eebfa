/*
 * The search journal in DIR: search.json (the configuration) and one file
 * per finished run, runs/<id>.json, each written atomically (temporary,
 * fsync, rename), so a file that exists is whole.  Run files are independent
 * of each other and of the machine that wrote them: journals of shards or
 * ranks merge by copying runs/ together under one search.json.
 *
 * A run file keeps what training determines ("result": the scores and the
 * per-epoch log) apart from what the machine determines ("timing"), so two
 * journals can be compared on their results alone.
 */
#ifndef ACTIV_SEARCH_JOURNAL_H
#define ACTIV_SEARCH_JOURNAL_H

#include <stddef.h>

#include "search/json.h"
#include "search/plan.h"
#include "search/run.h"

#define JOURNAL_CONFIG_FORMAT "activ-search/1"
#define JOURNAL_RUN_FORMAT "activ-search-run/1"

/* Creates DIR and DIR/runs as needed.  0, or -1 with a message. */
int journal_prepare(const char *dir, char *err, size_t errlen);

/* The configuration as a JSON object (the "config" member of search.json). */
int journal_config_json(const search_config *cfg, sjson *out, char *err, size_t errlen);

/*
 * Checks DIR/search.json against cfg, or writes it (with the command line,
 * for people) when there is none.  1 if the journal holds another
 * configuration (err lists the fields that differ: "epochs: 5 in DIR, 3 now";
 * nothing is written), 0 if it matches or was written, -1 on error.  preset
 * is kept for the report of a merge (it does not change results).  Several
 * shards may call this at once on one DIR: exactly one writes the file.
 */
int journal_open_config(const char *dir, const search_config *cfg, const char *command_line, const char *preset,
                        char *err, size_t errlen);

/* "\n  field: A in_old, B in_now" into out for every field of two configurations that differs; the count. */
int journal_config_diff(const sjson *old, const sjson *now, const char *in_old, const char *in_now, char *out,
                        size_t len);

/* Machine-dependent facts of a run, kept out of the result. */
typedef struct journal_timing {
    int threads;
    double wall_seconds;
} journal_timing;

/* Writes DIR/runs/<id>.json atomically.  0, or -1 with a message. */
int journal_write_run(const char *dir, const char *id, const search_run *r, const journal_timing *t, char *err,
                      size_t errlen);

/* A run file's text (malloc'd; NULL if out of memory): what an MPI rank sends to rank 0. */
char *journal_run_text(const search_run *r, const journal_timing *t, size_t *len);
/* Writes text as DIR/runs/<id>.json atomically.  0, or -1 with a message. */
int journal_write_run_text(const char *dir, const char *id, const char *text, size_t len, char *err, size_t errlen);
/* journal_read_run on text in memory; name stands for the file in messages. */
int journal_parse_run(const char *text, size_t len, const char *name, const char *expect_act, int expect_seed,
                      search_run *r, journal_timing *t, char *err, size_t errlen);

/*
 * Reads a run file into r (r->log allocated; free with journal_run_free) and,
 * if t is not NULL, its timing.  The act and seed it holds must be
 * expect_act and expect_seed (when expect_act is not NULL).  0, or -1 with a
 * message naming the file and the problem.
 */
int journal_read_run(const char *path, const char *expect_act, int expect_seed, search_run *r, journal_timing *t,
                     char *err, size_t errlen);
void journal_run_free(search_run *r);

/* The path of a run file: DIR/runs/<id>.json. */
void journal_run_path(const char *dir, const char *id, char *out, size_t len);

/* Takes DIR/<name> (search.lock, or a shard's own) so that two searches of
   the same runs never share a journal: the descriptor (kept open while
   searching), or -1 with a message. */
int journal_lock(const char *dir, const char *name, char *err, size_t errlen);

/* Removes the temporaries that a killed writer of one of items left in
   DIR/runs (they are never whole runs); another shard's are left alone. */
void journal_clean_temporaries(const char *dir, const search_item *items, size_t n);

#endif
