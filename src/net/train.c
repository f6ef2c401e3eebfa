/*
 * The training loop: shuffled mini-batches, forward, softmax cross-entropy,
 * backward, optimiser step; after each epoch the validation split picks the
 * best weights, and the test set is measured once, with those weights.
 *
 * A NaN or infinite training loss stops the run as diverged (its epoch
 * recorded); the best weights before it are still measured.  The same
 * seed and thread count give bit-identical results: data order, dropout
 * and stochastic activations all come from counter-based generators.
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "net/net.h"
#include "net/optim.h"

void activ_train_config_default(activ_train_config *cfg)
{
    *cfg = (activ_train_config){.model = "mlp",
                                .act = "relu",
                                .init = "auto",
                                .optim = "adam",
                                .schedule = "none",
                                .epochs = 10,
                                .batch = 128,
                                .lr = 0,
                                .momentum = 0.9,
                                .step_gamma = 0.1,
                                .val_size = 5000,
                                .seed = 1};
}

void activ_train_result_free(activ_train_result *r)
{
    free(r->log);
    r->log = NULL;
}

static double now(void)
{
    return omp_get_wtime();
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) ? 0 : (double)ru.ru_maxrss / 1024.0;
}

static void gather(const activ_dataset *d, const size_t *idx, size_t n, float *x, uint8_t *y)
{
    const size_t dim = activ_dataset_dim(d);
#pragma omp parallel for schedule(static)
    for (size_t s = 0; s < n; s++) {
        memcpy(x + s * dim, d->x + idx[s] * dim, dim * sizeof *x);
        y[s] = d->y[idx[s]];
    }
}

void activ_evaluate(activ_net *net, const activ_dataset *d, double *loss, double *acc)
{
    if (!net->batch_cap) net_reserve(net, 256);
    const size_t dim = activ_dataset_dim(d), B = net->batch_cap;
    double total = 0;
    size_t right = 0;
    for (size_t at = 0; at < d->n; at += B) {
        const size_t n = d->n - at < B ? d->n - at : B;
        const float *z = net_forward(net, d->x + at * dim, n, 0);
        size_t ok;
        total += net_softmax_xent(z, d->y + at, n, net->classes, NULL, &ok) * (double)n;
        right += ok;
    }
    *loss = d->n ? total / (double)d->n : NAN;
    *acc = d->n ? (double)right / (double)d->n : NAN;
}

static double epoch_lr(const activ_train_config *cfg, double base, int epoch)
{
    if (!strcmp(cfg->schedule, "step")) {
        const int every = cfg->step_every > 0 ? cfg->step_every : (cfg->epochs + 2) / 3;
        return base * pow(cfg->step_gamma, (double)((epoch - 1) / every));
    }
    if (!strcmp(cfg->schedule, "cosine")) return base * 0.5 * (1 + cos(3.141592653589793 * (epoch - 1) / cfg->epochs));
    return base;
}

static int check_config(const activ_train_config *cfg, char *err, size_t errlen)
{
    const char *o = cfg->optim, *s = cfg->schedule;
    if (strcmp(o, "adam") && strcmp(o, "adamw") && strcmp(o, "sgd"))
        return snprintf(err, errlen, "unknown optimiser '%s' (adam, adamw, sgd)", o), -1;
    if (strcmp(s, "none") && strcmp(s, "step") && strcmp(s, "cosine"))
        return snprintf(err, errlen, "unknown schedule '%s' (none, step, cosine)", s), -1;
    if (cfg->epochs < 1 || cfg->epochs > 100000) return snprintf(err, errlen, "epochs must be 1..100000"), -1;
    if (cfg->batch < 1 || cfg->batch > 65536) return snprintf(err, errlen, "batch must be 1..65536"), -1;
    if (!(cfg->lr >= 0 && cfg->lr < 100)) return snprintf(err, errlen, "learning rate must be in (0, 100)"), -1;
    if (!(cfg->weight_decay >= 0 && cfg->weight_decay < 1)) return snprintf(err, errlen, "weight decay must be in [0, 1)"), -1;
    return 0;
}

static double median(double *v, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1], v[j - 1] = t;
        }
    return n ? (n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2])) : 0;
}

typedef struct run_state {
    float *x, *xa, *best; /* the batch, augmented, and the best weights */
    uint8_t *y;
    size_t *order;
    double *secs;
} run_state;

static void run_state_free(run_state *s)
{
    free(s->x), free(s->xa), free(s->best), free(s->y), free(s->order), free(s->secs);
}

int activ_train(const activ_train_config *cfg, activ_net *net, const activ_dataset *train, const activ_dataset *val,
                const activ_dataset *test, const activ_train_hooks *hooks, activ_train_result *r, char *err,
                size_t errlen)
{
    memset(r, 0, sizeof *r);
    if (check_config(cfg, err, errlen)) return -1;
    if (!train || !train->n) return snprintf(err, errlen, "no training data"), -1;
    net_set_threads(cfg->threads);
    activ_net *own = NULL;
    if (!net) {
        net = own = activ_net_build(cfg->model, cfg->act, train->c, train->h, train->w, train->classes, cfg->init,
                                    cfg->seed, err, errlen);
        if (!net) return -1;
    }
    if (net->in_c != train->c || net->in_h != train->h || net->in_w != train->w || net->classes < train->classes) {
        snprintf(err, errlen, "the network takes %dx%dx%d inputs and %d classes; the data has %dx%dx%d and %d",
                 net->in_c, net->in_h, net->in_w, net->classes, train->c, train->h, train->w, train->classes);
        activ_net_free(own);
        return -1;
    }
    const size_t B = (size_t)cfg->batch, dim = activ_dataset_dim(train), N = train->n;
    const size_t steps = (N + B - 1) / B;
    const double base_lr = cfg->lr > 0 ? cfg->lr : !strcmp(cfg->optim, "sgd") ? 1e-2 : 1e-3;
    run_state st = {0};
    st.x = malloc(B * dim * sizeof *st.x), st.y = malloc(B), st.order = malloc(N * sizeof *st.order);
    st.xa = cfg->augment ? malloc(B * dim * sizeof *st.xa) : NULL;
    st.best = malloc((net_snapshot_size(net) + 1) * sizeof *st.best);
    st.secs = calloc((size_t)cfg->epochs, sizeof *st.secs);
    r->log = calloc((size_t)cfg->epochs, sizeof *r->log);
    optim opt;
    if (!st.x || !st.y || !st.order || !st.best || (cfg->augment && !st.xa) || !st.secs || !r->log || net_reserve(net, B) ||
        optim_init(&opt, net, cfg->optim, cfg->momentum, cfg->weight_decay, cfg->decay_act_params)) {
        run_state_free(&st), activ_train_result_free(r), activ_net_free(own);
        return snprintf(err, errlen, "out of memory for batch %zu", B), -1;
    }
    const int has_val = val && val->n;
    r->params = activ_net_param_count(net);
    double best_val = -1;
    net_snapshot(net, st.best); /* epoch 0: what a run that diverges at once is measured with */
    float *dlogits = net->grad[net->nlayers - 1];
    const uint64_t order_key = net_mix(cfg->seed ^ 0x6f72646572ull /* "order" */);
    for (int epoch = 1; epoch <= cfg->epochs && !r->diverged; epoch++) {
        const double lr = epoch_lr(cfg, base_lr, epoch);
        /* a fresh permutation per epoch, from (seed, epoch) alone */
        for (size_t i = 0; i < N; i++) st.order[i] = i;
        for (size_t i = N - 1; i > 0; i--) {
            size_t j = (size_t)(net_uniform(order_key ^ net_mix((uint64_t)epoch), i) * (double)(i + 1));
            size_t t = st.order[i];
            st.order[i] = st.order[j], st.order[j] = t;
        }
        double t0 = now(), loss_sum = 0;
        size_t seen = 0, right = 0;
        for (size_t step = 0; step < steps; step++) {
            const size_t n = step + 1 < steps ? B : N - step * B;
            gather(train, st.order + step * B, n, st.x, st.y);
            const float *batch = st.x;
            if (cfg->augment) {
                /* the usual crops: 4 pixels for CIFAR's 32x32 colour images, 2 for 28x28 greyscale */
                const int pad = train->c == 3 ? 4 : 2;
                activ_augment(st.x, st.xa, n, train->c, train->h, train->w, pad, train->c == 3, cfg->seed,
                              ((uint64_t)epoch << 40) + step * B);
                batch = st.xa;
            }
            const float *z = net_forward(net, batch, n, 1);
            size_t ok;
            const double loss = net_softmax_xent(z, st.y, n, net->classes, dlogits, &ok);
            if (!isfinite(loss)) {
                r->diverged = 1, r->diverged_epoch = epoch;
                break;
            }
            net_backward(net, batch, n);
            optim_step(&opt, lr);
            loss_sum += loss * (double)n, seen += n, right += ok;
            if (hooks && hooks->progress)
                hooks->progress(hooks->ctx, epoch, cfg->epochs, step + 1, steps, loss_sum / (double)seen,
                                (double)right / (double)seen, (double)seen / (now() - t0));
        }
        if (r->diverged) break;
        activ_epoch_log *lg = &r->log[r->epochs_run++];
        st.secs[epoch - 1] = now() - t0;
        *lg = (activ_epoch_log){.epoch = epoch, .train_loss = loss_sum / (double)seen,
                                .train_acc = (double)right / (double)seen, .seconds = st.secs[epoch - 1], .lr = lr};
        lg->val_loss = lg->val_acc = NAN;
        if (has_val) activ_evaluate(net, val, &lg->val_loss, &lg->val_acc);
        const double score = has_val ? lg->val_acc : (double)epoch;
        if (score > best_val) {
            best_val = score, r->best_epoch = epoch, r->best_val_acc = has_val ? lg->val_acc : NAN;
            net_snapshot(net, st.best);
        }
        if (hooks && hooks->epoch_done) hooks->epoch_done(hooks->ctx, lg);
    }
    net_restore(net, st.best);
    r->test_loss = r->test_acc = NAN;
    if (test && test->n) activ_evaluate(net, test, &r->test_loss, &r->test_acc);
    r->sec_per_epoch = median(st.secs, r->epochs_run);
    r->peak_rss_mb = peak_rss_mb();
    optim_free(&opt);
    run_state_free(&st);
    activ_net_free(own);
    return 0;
}
