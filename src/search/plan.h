/*
 * What a search trains: its configuration (every setting that changes
 * results), the presets that fill it, and the run list.
 *
 * The run list is a pure function of the configuration: seed-major (every
 * activation for seed 1, then seed 2, ...), baseline first within a seed.
 * Its order is what workers, shards and MPI ranks share, so it must never
 * depend on the machine, the journal or the number of workers.
 */
#ifndef ACTIV_SEARCH_PLAN_H
#define ACTIV_SEARCH_PLAN_H

#include <stddef.h>

typedef struct search_config {
    char model[256];  /* as given: preset name, @FILE or a description */
    char *model_desc; /* what it stands for: the preset's or the file's text (owned) */
    char data[1024];  /* "fashion-mnist", "mnist", "cifar10" or a directory */
    size_t val_size;   /* validation images, carved per seed from the training file (stratified) */
    size_t train_size; /* training images: the first of the shuffled rest (0: all of it), as activ train */
    char **acts;      /* activation specs, baseline first, no duplicates (owned) */
    size_t nacts;
    char baseline[128];
    int seeds, epochs, batch;
    char optim[16], init[16], schedule[16];
    double lr, momentum, weight_decay, step_gamma;
    int step_every, augment;
    char version[32]; /* activ's version: the engine may change results between versions */
} search_config;

typedef struct search_preset {
    const char *name, *what;
    const char *model, *acts, *data;
    int seeds, epochs;
    size_t train_size, val_size;
    int batch;
    const char *optim;
    double lr;
    const char *schedule;
    int step_every, augment;
    const char *budget; /* how long it takes, for the docs and --help */
} search_preset;

/* The preset called name, or NULL.  search_presets lists them (NULL-terminated by name). */
const search_preset *search_preset_find(const char *name);
const search_preset *search_presets(void);

/* The defaults of a preset (NULL: "default") into cfg, with no activations yet. */
void search_config_from_preset(search_config *cfg, const search_preset *p);
void search_config_free(search_config *cfg);

/*
 * Sets the activations from "seed", "benchmark", "all" or a list of specs
 * ("mish,leaky_relu:slope=0.2,swish(beta=2)"; commas inside a spec's
 * parameters belong to it), with the baseline first.  Every spec is checked
 * against the catalog.  0, or -1 with a message.
 */
int search_config_set_acts(search_config *cfg, const char *acts, const char *baseline, char *err, size_t errlen);

/* Resolves model_desc from model (preset or @FILE) and fills the defaults that depend on other fields. */
int search_config_finish(search_config *cfg, char *err, size_t errlen);

typedef struct search_item {
    size_t act;   /* index into cfg->acts */
    int seed;     /* 1-based; the training seed */
    char id[160]; /* file stem in DIR/runs: <act-sanitised>_seed<k> */
} search_item;

/* The run list (see above); -1 with a message if two specs map to one file name. */
int search_plan(const search_config *cfg, search_item **items, size_t *n, char *err, size_t errlen);

/* The file-name form of a spec: [a-z0-9_.-] kept, '=' as '-', everything else '_'. */
void search_sanitise(const char *act, char *out, size_t len);

#endif
