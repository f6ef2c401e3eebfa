#define _GNU_SOURCE
#include "search/driver.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "activ/activ.h"
#include "activ/props.h"
#include "report/report.h"
#include "search/shard.h"

#include "activ_git_commit.h" /* generated at build time (cmake/git_commit.cmake) */
#ifndef ACTIV_GIT_COMMIT
#define ACTIV_GIT_COMMIT "unknown"
#endif

double search_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- data and training ------------------------------------------------------------- */

int search_load_data(const search_config *cfg, search_data *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (activ_load_named(cfg->data, NULL, &d->all, &d->test, err, errlen)) return -1;
    if (cfg->val_size >= d->all.n || cfg->train_size + cfg->val_size > d->all.n) {
        snprintf(err, errlen, "--train-size %zu and --val-size %zu do not fit the %zu training images of %s",
                 cfg->train_size, cfg->val_size, d->all.n, cfg->data);
        search_free_data(d);
        return -1;
    }
    return 0;
}

void search_free_data(search_data *d)
{
    activ_dataset_free(&d->all);
    activ_dataset_free(&d->test);
}

int search_check_model(const search_config *cfg, const activ_dataset *d, char *err, size_t errlen)
{
    for (size_t i = 0; i < cfg->nacts; i++) {
        char why[512];
        activ_net *net = activ_net_build(cfg->model_desc, cfg->acts[i], d->c, d->h, d->w, d->classes, cfg->init, 1,
                                         why, sizeof why);
        if (!net) {
            snprintf(err, errlen, "model %s with %s: %s", cfg->model, cfg->acts[i], why);
            return -1;
        }
        activ_net_free(net);
    }
    return 0;
}

static void to_run(const char *act, int seed, const activ_train_result *res, search_run *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->act, sizeof r->act, "%s", act);
    r->seed = seed;
    r->diverged = res->diverged;
    r->diverged_epoch = res->diverged_epoch;
    r->epochs_run = res->epochs_run;
    r->best_epoch = res->best_epoch;
    r->best_val_acc = res->best_val_acc;
    r->test_acc = res->test_acc;
    r->test_loss = res->test_loss;
    r->sec_per_epoch = res->sec_per_epoch;
    r->peak_rss_mb = res->peak_rss_mb;
    r->params = res->params;
    r->log = res->log; /* borrowed */
}

static void train_config(const search_config *cfg, const char *act, int seed, int threads, activ_train_config *tc)
{
    activ_train_config_default(tc);
    tc->model = cfg->model_desc;
    tc->act = act;
    tc->init = cfg->init;
    tc->optim = cfg->optim;
    tc->schedule = cfg->schedule;
    tc->epochs = cfg->epochs;
    tc->batch = cfg->batch;
    tc->lr = cfg->lr;
    tc->momentum = cfg->momentum;
    tc->weight_decay = cfg->weight_decay;
    if (cfg->step_every > 0) tc->step_every = cfg->step_every;
    tc->step_gamma = cfg->step_gamma;
    tc->val_size = cfg->val_size;
    tc->augment = cfg->augment;
    tc->seed = (uint64_t)seed;
    tc->threads = threads;
    tc->quiet = 1;
}

int search_train_one(const search_config *cfg, const search_data *d, const search_item *it, int threads,
                     const activ_train_hooks *hooks, search_run *r, activ_train_result *res, char *err,
                     size_t errlen)
{
    const char *act = cfg->acts[it->act];
    activ_dataset train = d->all, val = {0};
    int split = cfg->val_size != 0;
    if (split && activ_dataset_split(&d->all, cfg->val_size, (uint64_t)it->seed, &train, &val, err, errlen))
        return -1;
    size_t keep = train.n;
    if (cfg->train_size && cfg->train_size < train.n) train.n = cfg->train_size;
    activ_train_config tc;
    train_config(cfg, act, it->seed, threads, &tc);
    memset(res, 0, sizeof *res);
    int rc = activ_train(&tc, NULL, &train, val.n ? &val : NULL, &d->test, hooks, res, err, errlen);
    if (split) {
        train.n = keep;
        activ_dataset_free(&train), activ_dataset_free(&val);
    }
    if (rc) return -1;
    to_run(act, it->seed, res, r);
    return 0;
}

/* ---- the journal ------------------------------------------------------------------- */

/* The runs not yet in the journal; unreadable run files are reported and will be redone. */
static size_t find_todo(const char *dir, const search_config *cfg, const search_item *items, size_t n, size_t *todo)
{
    size_t ntodo = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096], why[512];
        journal_run_path(dir, items[i].id, path, sizeof path);
        search_run r;
        if (access(path, F_OK) != 0) todo[ntodo++] = i;
        else if (journal_read_run(path, cfg->acts[items[i].act], items[i].seed, &r, NULL, why, sizeof why)) {
            fprintf(stderr, "activ: %s\nactiv: that run will be trained again\n", why);
            todo[ntodo++] = i;
        } else journal_run_free(&r);
    }
    return ntodo;
}

int search_journal_open(const search_options *o, search_journal *j, char *err, size_t errlen)
{
    memset(j, 0, sizeof *j);
    j->lock = -1;
    if (search_plan(o->cfg, &j->items, &j->n, err, errlen)) return 2;
    j->all = j->n;
    if (o->shard_n) j->n = search_shard_select(j->items, j->n, o->shard_k, o->shard_n);
    char lock_name[64] = "search.lock";
    if (o->shard_n) snprintf(lock_name, sizeof lock_name, "search.shard-%d-of-%d.lock", o->shard_k, o->shard_n);
    j->todo = calloc(j->n ? j->n : 1, sizeof *j->todo);
    if (!j->todo) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    if (journal_prepare(o->dir, err, errlen) || (j->lock = journal_lock(o->dir, lock_name, err, errlen)) < 0)
        return 1;
    int rc = journal_open_config(o->dir, o->cfg, o->command_line, o->preset, err, errlen);
    if (rc) return rc == 1 ? 2 : 1;
    /* only this process's runs: a shard beside us in the same DIR may be writing its own */
    journal_clean_temporaries(o->dir, j->items, j->n);
    j->ntodo = find_todo(o->dir, o->cfg, j->items, j->n, j->todo);
    return 0;
}

void search_journal_close(search_journal *j)
{
    free(j->items), free(j->todo);
    if (j->lock >= 0) close(j->lock);
    memset(j, 0, sizeof *j);
    j->lock = -1;
}

/* ---- kernel cost: ns per element of each activation's forward and backward ---------------- */

static double time_kernel(const activ_entry *e, const float *p, float *x, float *y, float *dy, size_t n, int bwd)
{
    double best = INFINITY;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = search_now();
        if (bwd) activ_backward(e, p, x, dy, y, n);
        else activ_forward(e, p, x, y, n);
        double t = search_now() - t0;
        if (t < best) best = t;
    }
    return best * 1e9 / (double)n;
}

static size_t measure_costs(const search_config *cfg, search_act_cost *costs)
{
    enum { N = 1 << 20 };
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *dy = malloc(N * sizeof *dy);
    if (!x || !y || !dy) {
        free(x), free(y), free(dy);
        return 0;
    }
    for (size_t i = 0; i < N; i++) x[i] = (float)(8.0 * i / N - 4.0), dy[i] = 1.0f;
    activ_set_threads(1);
    for (size_t a = 0; a < cfg->nacts; a++) {
        search_act_cost *c = &costs[a];
        snprintf(c->act, sizeof c->act, "%s", cfg->acts[a]);
        c->fwd_ns = c->bwd_ns = NAN;
        const activ_entry *e;
        double pd[ACTIV_MAX_PARAMS];
        float pf[ACTIV_MAX_PARAMS];
        char why[256];
        if (activ_parse_spec(cfg->acts[a], &e, pd, why, sizeof why)) continue;
        /* tensor-wide kinds (softmax, gated, maxout ...) have no per-element kernel to time */
        if (e->kind != ACTIV_KIND_ELEMENTWISE && e->kind != ACTIV_KIND_STOCHASTIC) continue;
        for (unsigned k = 0; k < e->nparams; k++) pf[k] = (float)pd[k];
        c->fwd_ns = time_kernel(e, pf, x, y, dy, N, 0);
        c->bwd_ns = time_kernel(e, pf, x, y, dy, N, 1);
    }
    activ_set_threads(0);
    free(x), free(y), free(dy);
    return cfg->nacts;
}

/* ---- the report ----------------------------------------------------------------- */

static void cpu_model(char *out, size_t len)
{
    snprintf(out, len, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) || !colon) continue;
        colon += 1 + (colon[1] == ' ');
        colon[strcspn(colon, "\n")] = 0;
        snprintf(out, len, "%s", colon);
        break;
    }
    fclose(f);
}

int search_load_runs(const char *dir, const search_config *cfg, const search_item *items, size_t n, search_run *runs)
{
    for (size_t i = 0; i < n; i++) {
        char path[4096], why[512];
        journal_run_path(dir, items[i].id, path, sizeof path);
        if (journal_read_run(path, cfg->acts[items[i].act], items[i].seed, &runs[i], NULL, why, sizeof why)) {
            fprintf(stderr, "activ: %s\n", why);
            for (size_t k = 0; k < i; k++) journal_run_free(&runs[k]);
            return -1;
        }
    }
    return 0;
}

/*
 * The properties of every searched activation, measured before any training
 * would be (activ props), and the score that predicts their order: the report
 * puts it beside the measured order.  0 if they could not be measured.
 */
static size_t predict(const search_config *cfg, activ_measured *props, search_prediction *pred)
{
    const activ_entry **es = calloc(cfg->nacts, sizeof *es);
    double(*ps)[ACTIV_MAX_PARAMS] = calloc(cfg->nacts, sizeof *ps);
    const double **pp = calloc(cfg->nacts, sizeof *pp);
    size_t ok = 0;
    char why[256];
    if (es && ps && pp) {
        for (size_t a = 0; a < cfg->nacts; a++) {
            if (activ_parse_spec(cfg->acts[a], &es[a], ps[a], why, sizeof why)) break;
            pp[a] = ps[a];
            ok++;
        }
    }
    activ_props_config pc;
    activ_props_config_default(&pc);
    /* without the kernel timing: a resumed search must write the same report (cost has its own column) */
    pc.cost = 0;
    if (ok != cfg->nacts || activ_props_measure_many(es, pp, cfg->nacts, &pc, props, why, sizeof why)) ok = 0;
    for (size_t a = 0; a < ok; a++) pred[a] = (search_prediction){cfg->acts[a], props[a].score, &props[a]};
    free(es), free(ps), free(pp);
    return ok;
}

int search_report(const char *dir, const search_config *cfg, search_meta *m, const search_run *runs, size_t n)
{
    search_act_cost *costs = calloc(cfg->nacts ? cfg->nacts : 1, sizeof *costs);
    if (!costs) {
        fprintf(stderr, "activ: the report: out of memory\n");
        return 1;
    }
    size_t ncosts = measure_costs(cfg, costs);
    char cpu[256], err[1024];
    cpu_model(cpu, sizeof cpu);
    m->command_line = m->command_line ? m->command_line : "";
    m->version = ACTIV_VERSION_STRING;
    m->commit = ACTIV_GIT_COMMIT;
    m->cpu = cpu;
    m->isa = activ_isa_name(activ_isa_active());
    m->model = cfg->model, m->data = cfg->data, m->baseline = cfg->baseline;
    m->preset = m->preset ? m->preset : "";
    m->epochs = cfg->epochs, m->seeds = cfg->seeds;
    activ_measured *props = calloc(cfg->nacts ? cfg->nacts : 1, sizeof *props);
    search_prediction *pred = calloc(cfg->nacts ? cfg->nacts : 1, sizeof *pred);
    const size_t npred = props && pred ? predict(cfg, props, pred) : 0;
    int rc = search_report_write_pred(dir, m, runs, n, costs, ncosts, pred, npred, err, sizeof err);
    if (!rc) rc = search_report_summary(stdout, dir, m, runs, n, costs, ncosts, err, sizeof err);
    if (rc) fprintf(stderr, "activ: the report: %s\n", err);
    free(props), free(pred);
    m->cpu = NULL; /* it pointed here */
    free(costs);
    return rc ? 1 : 0;
}

int search_report_journal(const char *dir, const search_config *cfg, search_meta *m, const search_item *items,
                          size_t n)
{
    search_run *runs = calloc(n ? n : 1, sizeof *runs);
    if (!runs || search_load_runs(dir, cfg, items, n, runs)) {
        free(runs);
        return 1;
    }
    int rc = search_report(dir, cfg, m, runs, n);
    for (size_t i = 0; i < n; i++) journal_run_free(&runs[i]);
    free(runs);
    return rc;
}
