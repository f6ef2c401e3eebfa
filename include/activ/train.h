/*
 * activ training engine: build a network from a small text description with
 * any catalog activation, train it on a data set, and report per-epoch
 * losses and accuracies, the test accuracy at the epoch chosen on the
 * validation split, time and memory.
 *
 * Model descriptions are one layer a line (or ';' between layers):
 *     conv 32 k3 p1 ; act ; maxpool 2 ; conv 64 k3 p1 ; act ; maxpool 2 ;
 *     flatten ; dense 128 ; act ; dense 10
 * `act` is the run's activation; `act NAME[:k=v]` fixes one.  See
 * docs/models.md for every layer and its options.
 */
#ifndef ACTIV_TRAIN_H
#define ACTIV_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "activ/data.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- networks ---------------------------------------------------------- */

typedef struct activ_net activ_net;

struct activ_entry;
/*
 * The initialiser that suits an activation, used by init "auto": "lecun" for
 * the self-normalising SELU family, "xavier" for the saturating ones,
 * bounded on both sides (tanh, sigmoid), "he" for the rest (ReLU-like).
 */
const char *activ_init_default(const struct activ_entry *e);

/* The description of a built-in model ("mlp", "cnn", "resnet"), or NULL. */
const char *activ_model_preset(const char *name);
/* The preset names, NULL-terminated. */
const char *const *activ_model_presets(void);

/*
 * Builds the network for inputs of c x h x w and `classes` outputs.  model is
 * a preset name, "@FILE" or a description; act the activation spec for `act`
 * layers; init "auto" (the activation's usual one), "he", "lecun", "xavier"
 * or "torch" (PyTorch's default U(+-1/sqrt(fan_in))).  Weights are drawn from
 * seed alone, so networks that differ only in their activation start from
 * the same weights (when init is not "auto").  NULL with a message on error.
 */
activ_net *activ_net_build(const char *model, const char *act, int c, int h, int w, int classes, const char *init,
                           uint64_t seed, char *err, size_t errlen);
void activ_net_free(activ_net *net);
size_t activ_net_param_count(const activ_net *net);
/* A human-readable table of the layers, shapes and parameter counts (static until the next call). */
const char *activ_net_summary(const activ_net *net);
/* Per-layer timing of the training steps (forward and backward), off by default.  0, or -1 out of memory. */
int activ_net_profile(activ_net *net, int on);
/* The timings as a table, one layer a line (static until the next call; "" when profiling is off). */
const char *activ_net_profile_report(const activ_net *net);
/* Checkpoints: every parameter and running statistic.  0, or -1 with a message. */
int activ_net_save(const activ_net *net, const char *path, char *err, size_t errlen);
int activ_net_load(activ_net *net, const char *path, char *err, size_t errlen);

/* ---- training ------------------------------------------------------------ */

typedef struct activ_train_config {
    const char *model;    /* preset, "@FILE" or description (default "mlp") */
    const char *act;      /* activation spec (default "relu") */
    const char *init;     /* see activ_net_build (default "auto") */
    const char *optim;    /* "adam" (default), "adamw", "sgd" */
    const char *schedule; /* "none" (default), "step", "cosine" */
    int epochs;           /* default 10 */
    int batch;            /* default 128 */
    double lr;            /* default 1e-3 (adam), 1e-2 (sgd) */
    double momentum;      /* sgd, default 0.9 */
    double weight_decay;  /* default 0 */
    int decay_act_params; /* apply weight decay to activation parameters too (default no) */
    int step_every;       /* step schedule: epochs between decays (default 1/3 of the epochs) */
    double step_gamma;    /* step schedule factor (default 0.1) */
    size_t val_size;      /* validation samples carved from train (default 5000; 0: none) */
    int augment;          /* random crop (pad 2 for 28x28, 4 for 32x32) and, for colour images, flip */
    uint64_t seed;        /* weights, split, data order, dropout and stochastic activations */
    int threads;          /* 0: all cores */
    int quiet;
} activ_train_config;

/* Fills every field with its default. */
void activ_train_config_default(activ_train_config *cfg);

typedef struct activ_epoch_log {
    int epoch; /* 1-based */
    double train_loss, train_acc, val_loss, val_acc;
    double seconds; /* training only, evaluation excluded */
    double lr;
} activ_epoch_log;

typedef struct activ_train_result {
    int epochs_run;
    activ_epoch_log *log; /* epochs_run records (free with activ_train_result_free) */
    int diverged;         /* a NaN or infinite loss stopped the run */
    int diverged_epoch;   /* its epoch (1-based), 0 if none */
    int best_epoch;       /* the epoch with the best validation accuracy (last epoch when val_size is 0) */
    double best_val_acc;
    double test_acc, test_loss; /* of the weights of best_epoch */
    double sec_per_epoch;       /* median of the epochs' training time */
    double peak_rss_mb;
    size_t params;
} activ_train_result;

void activ_train_result_free(activ_train_result *r);

/* Called during training: step of steps in epoch, running loss and accuracy, images per second. */
typedef void (*activ_train_progress)(void *ctx, int epoch, int epochs, size_t step, size_t steps, double loss,
                                     double acc, double img_per_s);
/* Called after each epoch with its record. */
typedef void (*activ_train_epoch_done)(void *ctx, const activ_epoch_log *log);

typedef struct activ_train_hooks {
    activ_train_progress progress;
    activ_train_epoch_done epoch_done;
    void *ctx;
} activ_train_hooks;

/*
 * Trains net (built by the caller, or NULL to build from cfg) on train,
 * choosing the epoch on val (NULL or empty: the last epoch) and measuring
 * test at it.  0 on success (a diverged run is a success with r->diverged
 * set), -1 with a message on error.
 */
int activ_train(const activ_train_config *cfg, activ_net *net, const activ_dataset *train, const activ_dataset *val,
                const activ_dataset *test, const activ_train_hooks *hooks, activ_train_result *r, char *err,
                size_t errlen);

/* Loss and accuracy of net on d (evaluation mode). */
void activ_evaluate(activ_net *net, const activ_dataset *d, double *loss, double *acc);

#ifdef __cplusplus
}
#endif
#endif
