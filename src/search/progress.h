/*
 * What a person sees while a search runs.  On a terminal a block at the
 * bottom is redrawn in place (runs done, the running runs' epoch, step and
 * accuracy, time left), with a line per finished run scrolling above it;
 * elsewhere (a log file, CI) plain lines, one per finished run.
 */
#ifndef ACTIV_SEARCH_PROGRESS_H
#define ACTIV_SEARCH_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "search/run.h"

typedef enum progress_mode { PROGRESS_QUIET, PROGRESS_LINES, PROGRESS_LIVE } progress_mode;

typedef struct progress progress;

/* total runs, of which done were finished before; slots = runs at once. */
progress *progress_new(FILE *out, progress_mode mode, size_t total, size_t done, int slots);
void progress_free(progress *p);

void progress_start(progress *p, int slot, const char *act, int seed, int epochs);
void progress_step(progress *p, int slot, int epoch, size_t step, size_t steps, double loss, double acc);
void progress_epoch(progress *p, int slot, int epoch, double val_acc);
/* A run ended: r its result, or NULL with why it failed. */
void progress_finish(progress *p, int slot, const search_run *r, const char *failure, double seconds);
/* Redraws the live view (at most a few times a second unless force). */
void progress_draw(progress *p, int force);
/* Removes the live view before other output. */
void progress_clear(progress *p);
/* Formats seconds as "1h02m", "3m05s" or "12s". */
void progress_duration(double seconds, char *out, size_t len);

#endif
