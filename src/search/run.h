/*
 * One finished training run of a search: what the journal stores, the
 * statistics read and the reports show.  A search is many of these, one per
 * (activation, seed).
 */
#ifndef ACTIV_SEARCH_RUN_H
#define ACTIV_SEARCH_RUN_H

#include <stddef.h>

#include "activ/train.h"

typedef struct search_run {
    char act[128];          /* the activation spec as searched ("mish", "leaky_relu:slope=0.2") */
    int seed;
    int diverged;           /* NaN/inf loss: counted and shown, never dropped */
    int diverged_epoch;     /* 1-based, 0 if none */
    int epochs_run;
    int best_epoch;         /* chosen on the validation split */
    double best_val_acc;    /* fractions in [0, 1] */
    double test_acc, test_loss; /* at best_epoch */
    double sec_per_epoch;   /* median training time of an epoch */
    double peak_rss_mb;
    size_t params;
    activ_epoch_log *log;   /* epochs_run records (owned) */
} search_run;

/* What the report says about the search as a whole (its reproducibility header). */
typedef struct search_meta {
    const char *command_line;
    const char *version, *commit; /* activ version and git commit ("unknown" outside a checkout) */
    const char *cpu, *isa;        /* CPU model and the kernels' instruction set */
    const char *model, *data, *baseline, *preset;
    int epochs, seeds, threads, workers;
    double total_seconds;
} search_meta;

/* Per activation, measured once per search: the kernel's cost on this machine. */
typedef struct search_act_cost {
    char act[128];
    double fwd_ns, bwd_ns; /* ns per element, 1 Mi floats, 1 thread */
} search_act_cost;

#endif
