#define _GNU_SOURCE /* sched_getaffinity, pipe2 */
#include "search/search.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <omp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "activ/activ.h"
#include "activ/data.h"
#include "activ/props.h"
#include "activ/train.h"
#include "report/report.h"
#include "search/journal.h"

#include "activ_git_commit.h" /* generated at build time (cmake/git_commit.cmake) */
#ifndef ACTIV_GIT_COMMIT
#define ACTIV_GIT_COMMIT "unknown"
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int search_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- the data every worker shares --------------------------------------------------- */

typedef struct shared_data {
    activ_dataset all, test;
} shared_data;

static int load_data(const search_config *cfg, shared_data *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (activ_load_named(cfg->data, NULL, &d->all, &d->test, err, errlen)) return -1;
    if (cfg->val_size >= d->all.n || cfg->train_size + cfg->val_size > d->all.n) {
        snprintf(err, errlen, "--train-size %zu and --val-size %zu do not fit the %zu training images of %s",
                 cfg->train_size, cfg->val_size, d->all.n, cfg->data);
        activ_dataset_free(&d->all), activ_dataset_free(&d->test);
        return -1;
    }
    return 0;
}

static void free_data(shared_data *d)
{
    activ_dataset_free(&d->all);
    activ_dataset_free(&d->test);
}

/* Builds the network with every activation before any worker starts, so a bad model or spec fails at once. */
static int check_model(const search_config *cfg, const activ_dataset *d, size_t *params, char *err, size_t errlen)
{
    for (size_t i = 0; i < cfg->nacts; i++) {
        char why[512];
        activ_net *net = activ_net_build(cfg->model_desc, cfg->acts[i], d->c, d->h, d->w, d->classes, cfg->init, 1,
                                         why, sizeof why);
        if (!net) {
            snprintf(err, errlen, "model %s with %s: %s", cfg->model, cfg->acts[i], why);
            return -1;
        }
        if (i == 0) *params = activ_net_param_count(net);
        activ_net_free(net);
    }
    return 0;
}

/* ---- workers ---------------------------------------------------------------------- */

enum { MSG_STEP = 1, MSG_EPOCH, MSG_FAIL };

/* One pipe message; smaller than PIPE_BUF, so writes from several workers never interleave. */
typedef struct worker_msg {
    int32_t kind, slot;
    uint32_t run; /* index in the run list: messages of a finished run are dropped */
    int32_t epoch;
    uint64_t step, steps;
    double loss, acc;
    char text[256];
} worker_msg;

typedef struct worker_ctx {
    int fd, slot;
    uint32_t run;
    double last_sent;
} worker_ctx;

static void send_msg(worker_ctx *w, worker_msg *m)
{
    m->slot = w->slot;
    m->run = w->run;
    /* best effort: the pipe is non-blocking so a busy driver never stalls training */
    ssize_t rc = write(w->fd, m, sizeof *m);
    (void)rc;
}

static void on_progress(void *ctx, int epoch, int epochs, size_t step, size_t steps, double loss, double acc,
                        double img_per_s)
{
    (void)epochs, (void)img_per_s;
    worker_ctx *w = ctx;
    double t = now();
    if (t - w->last_sent < 0.1 && step != steps) return;
    w->last_sent = t;
    worker_msg m = {.kind = MSG_STEP, .epoch = epoch, .step = step, .steps = steps, .loss = loss, .acc = acc};
    send_msg(w, &m);
}

static void on_epoch(void *ctx, const activ_epoch_log *log)
{
    worker_msg m = {.kind = MSG_EPOCH, .epoch = log->epoch, .loss = log->val_loss, .acc = log->val_acc};
    send_msg(ctx, &m);
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

/* The body of a worker process: train one run, journal it.  Never returns. */
static void worker(const search_options *o, const shared_data *d, const search_item *it, uint32_t run, int slot,
                   int threads, int fd, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(3); /* the driver died before the line above took effect */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    const search_config *cfg = o->cfg;
    const char *act = cfg->acts[it->act];
    worker_ctx w = {fd, slot, run, 0};
    worker_msg fail = {.kind = MSG_FAIL};
    double t0 = now();

    /* as activ train does: the validation images by seed, then the first train_size of the shuffled rest */
    activ_dataset train = d->all, val = {0};
    if (cfg->val_size &&
        activ_dataset_split(&d->all, cfg->val_size, (uint64_t)it->seed, &train, &val, fail.text, sizeof fail.text)) {
        send_msg(&w, &fail);
        _exit(1);
    }
    if (cfg->train_size && cfg->train_size < train.n) train.n = cfg->train_size;
    const activ_dataset *tr = &train, *va = val.n ? &val : NULL;
    activ_train_config tc;
    train_config(cfg, act, it->seed, threads, &tc);
    activ_train_hooks hooks = {on_progress, on_epoch, &w};
    activ_train_result res;
    memset(&res, 0, sizeof res);
    if (activ_train(&tc, NULL, tr, va, &d->test, &hooks, &res, fail.text, sizeof fail.text)) {
        send_msg(&w, &fail);
        _exit(1);
    }
    search_run r;
    to_run(act, it->seed, &res, &r);
    journal_timing t = {threads, now() - t0};
    if (journal_write_run(o->dir, it->id, &r, &t, fail.text, sizeof fail.text)) {
        send_msg(&w, &fail);
        _exit(1);
    }
    _exit(0); /* the driver owns every other resource; the exit frees the rest */
}

/* ---- the driver --------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { interrupted = sig; }

typedef struct slot {
    pid_t pid;  /* 0: free */
    size_t run; /* index in the run list */
    double started;
    char failure[256];
} slot;

typedef struct driver {
    const search_options *o;
    const search_item *items;
    size_t nitems;
    const shared_data *data;
    int jobs, threads, pipe_rd, pipe_wr;
    slot *slots;
    progress *view;
    size_t failed;
} driver;

static void handle_msg(driver *dv, const worker_msg *m)
{
    if (m->slot < 0 || m->slot >= dv->jobs || !dv->slots[m->slot].pid || dv->slots[m->slot].run != m->run) return;
    if (m->kind == MSG_STEP)
        progress_step(dv->view, m->slot, m->epoch, (size_t)m->step, (size_t)m->steps, m->loss, m->acc);
    else if (m->kind == MSG_EPOCH) progress_epoch(dv->view, m->slot, m->epoch, m->acc);
    else if (m->kind == MSG_FAIL) {
        snprintf(dv->slots[m->slot].failure, sizeof dv->slots[m->slot].failure, "%.*s", (int)sizeof m->text - 1,
                 m->text);
    }
}

static void drain(driver *dv)
{
    worker_msg m;
    for (;;) {
        ssize_t n = read(dv->pipe_rd, &m, sizeof m);
        if (n == (ssize_t)sizeof m) handle_msg(dv, &m);
        else if (n < 0 && errno == EINTR) continue;
        else break; /* EAGAIN: nothing more; a short read cannot happen with messages under PIPE_BUF */
    }
}

static int spawn(driver *dv, int s, size_t run)
{
    const search_item *it = &dv->items[run];
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(dv->pipe_rd);
        worker(dv->o, dv->data, it, (uint32_t)run, s, dv->threads, dv->pipe_wr, parent);
    }
    dv->slots[s] = (slot){pid, run, now(), ""};
    progress_start(dv->view, s, dv->o->cfg->acts[it->act], it->seed, dv->o->cfg->epochs);
    return 0;
}

static void reaped(driver *dv, int s, int status)
{
    slot *sl = &dv->slots[s];
    const search_item *it = &dv->items[sl->run];
    char path[4096], why[512];
    search_run r;
    journal_run_path(dv->o->dir, it->id, path, sizeof path);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        journal_read_run(path, dv->o->cfg->acts[it->act], it->seed, &r, NULL, why, sizeof why) == 0) {
        progress_finish(dv->view, s, &r, NULL, now() - sl->started);
        journal_run_free(&r);
    } else {
        if (!sl->failure[0] && WIFSIGNALED(status))
            snprintf(sl->failure, sizeof sl->failure, "worker killed by signal %d", WTERMSIG(status));
        else if (!sl->failure[0] && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            snprintf(sl->failure, sizeof sl->failure, "%.200s", why);
        else if (!sl->failure[0]) snprintf(sl->failure, sizeof sl->failure, "worker exited with status %d",
                                           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        progress_finish(dv->view, s, NULL, sl->failure, now() - sl->started);
        dv->failed++;
    }
    sl->pid = 0;
}

static int running(const driver *dv)
{
    int n = 0;
    for (int s = 0; s < dv->jobs; s++) n += dv->slots[s].pid != 0;
    return n;
}

static void reap(driver *dv, int block)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, block ? 0 : WNOHANG)) > 0) {
        drain(dv);
        for (int s = 0; s < dv->jobs; s++)
            if (dv->slots[s].pid == pid) reaped(dv, s, status);
        if (block && !running(dv)) break;
    }
}

static void stop_workers(driver *dv)
{
    for (int s = 0; s < dv->jobs; s++)
        if (dv->slots[s].pid) kill(dv->slots[s].pid, SIGKILL);
    while (running(dv)) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno != EINTR) break;
        for (int s = 0; s < dv->jobs; s++)
            if (dv->slots[s].pid == pid) dv->slots[s].pid = 0;
    }
}

/* Trains the runs in todo (indices into the run list), jobs at a time. */
static void run_workers(driver *dv, const size_t *todo, size_t ntodo)
{
    size_t next = 0;
    while ((next < ntodo && !dv->failed) || running(dv)) {
        if (interrupted) {
            stop_workers(dv);
            return;
        }
        for (int s = 0; s < dv->jobs && next < ntodo && !dv->failed; s++)
            if (!dv->slots[s].pid && spawn(dv, s, todo[next]) == 0) next++;
        struct pollfd pfd = {dv->pipe_rd, POLLIN, 0};
        poll(&pfd, 1, 200);
        drain(dv);
        reap(dv, 0);
        progress_draw(dv->view, 0);
    }
}

/* ---- kernel cost: ns per element of each activation's forward and backward ---------------- */

static double time_kernel(const activ_entry *e, const float *p, float *x, float *y, float *dy, size_t n, int bwd)
{
    double best = INFINITY;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        if (bwd) activ_backward(e, p, x, dy, y, n);
        else activ_forward(e, p, x, y, n);
        double t = now() - t0;
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

/* Reads every run of the list from the journal, in list order.  -1 if one is missing or unreadable. */
static int load_runs(const search_options *o, const search_item *items, size_t n, search_run *runs)
{
    for (size_t i = 0; i < n; i++) {
        char path[4096], why[512];
        journal_run_path(o->dir, items[i].id, path, sizeof path);
        if (journal_read_run(path, o->cfg->acts[items[i].act], items[i].seed, &runs[i], NULL, why, sizeof why)) {
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
 * puts it beside the measured order.  0 measured (then pred is not used).
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

static int report(const search_options *o, const search_item *items, size_t n, int jobs, int threads,
                  double seconds)
{
    search_run *runs = calloc(n, sizeof *runs);
    search_act_cost *costs = calloc(o->cfg->nacts, sizeof *costs);
    if (!runs || !costs || load_runs(o, items, n, runs)) {
        free(runs), free(costs);
        return 1;
    }
    size_t ncosts = measure_costs(o->cfg, costs);
    char cpu[256], err[1024];
    cpu_model(cpu, sizeof cpu);
    search_meta m = {o->command_line ? o->command_line : "", ACTIV_VERSION_STRING, ACTIV_GIT_COMMIT, cpu,
                     activ_isa_name(activ_isa_active()), o->cfg->model, o->cfg->data, o->cfg->baseline,
                     o->preset ? o->preset : "", o->cfg->epochs, o->cfg->seeds, threads, jobs, seconds};
    activ_measured *props = calloc(o->cfg->nacts, sizeof *props);
    search_prediction *pred = calloc(o->cfg->nacts, sizeof *pred);
    const size_t npred = props && pred ? predict(o->cfg, props, pred) : 0;
    int rc = search_report_write_pred(o->dir, &m, runs, n, costs, ncosts, pred, npred, err, sizeof err);
    free(props), free(pred);
    if (!rc) rc = search_report_summary(stdout, o->dir, &m, runs, n, costs, ncosts, err, sizeof err);
    if (rc) fprintf(stderr, "activ: the report: %s\n", err);
    for (size_t i = 0; i < n; i++) journal_run_free(&runs[i]);
    free(runs), free(costs);
    return rc ? 1 : 0;
}

/* ---- the whole search ------------------------------------------------------------- */

/* The runs not yet in the journal; unreadable run files are reported and will be redone. */
static size_t find_todo(const search_options *o, const search_item *items, size_t n, size_t *todo)
{
    size_t ntodo = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096], why[512];
        journal_run_path(o->dir, items[i].id, path, sizeof path);
        search_run r;
        if (access(path, F_OK) != 0) todo[ntodo++] = i;
        else if (journal_read_run(path, o->cfg->acts[items[i].act], items[i].seed, &r, NULL, why, sizeof why)) {
            fprintf(stderr, "activ: %s\nactiv: that run will be trained again\n", why);
            todo[ntodo++] = i;
        } else journal_run_free(&r);
    }
    return ntodo;
}

static void install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll returns at once */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int train_missing(const search_options *o, driver *dv, const size_t *todo, size_t ntodo, char *err,
                         size_t errlen)
{
    shared_data data;
    size_t params = 0;
    /* no OpenMP team may exist in the driver before fork(): libgomp's threads do not survive it */
    omp_set_num_threads(1);
    if (load_data(o->cfg, &data, err, errlen)) return 2;
    if (check_model(o->cfg, &data.all, &params, err, errlen)) {
        free_data(&data);
        return 2;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        free_data(&data);
        return 1;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    dv->data = &data;
    dv->pipe_rd = fds[0], dv->pipe_wr = fds[1];
    install_handlers();
    run_workers(dv, todo, ntodo);
    close(fds[0]), close(fds[1]);
    free_data(&data);
    return 0;
}

int search_execute(const search_options *o)
{
    char err[4096];
    double t0 = now();
    search_item *items;
    size_t n;
    if (search_plan(o->cfg, &items, &n, err, sizeof err)) {
        fprintf(stderr, "activ: %s\n", err);
        return 2;
    }
    int rc = 1, lock = -1;
    size_t *todo = calloc(n ? n : 1, sizeof *todo);
    if (!todo || journal_prepare(o->dir, err, sizeof err) || (lock = journal_lock(o->dir, err, sizeof err)) < 0)
        goto fail;
    int cfg_rc = journal_open_config(o->dir, o->cfg, o->command_line, err, sizeof err);
    if (cfg_rc) {
        rc = cfg_rc == 1 ? 2 : 1;
        goto fail;
    }
    journal_clean_temporaries(o->dir);
    size_t ntodo = find_todo(o, items, n, todo);

    int cores = search_cores();
    int jobs = o->jobs > 0 ? o->jobs : cores;
    /* from the whole list, not what is left, so a resumed run gets the threads it would have had */
    if ((size_t)jobs > n) jobs = n ? (int)n : 1;
    int threads = cores / jobs > 1 ? cores / jobs : 1;
    driver dv = {o, items, n, NULL, jobs, threads, -1, -1, calloc((size_t)jobs, sizeof(slot)), NULL, 0};
    dv.view = progress_new(stderr, o->progress, n, n - ntodo, jobs);
    if (!dv.slots || !dv.view) {
        snprintf(err, sizeof err, "out of memory");
        free(dv.slots), progress_free(dv.view);
        goto fail;
    }
    if (o->progress != PROGRESS_QUIET)
        fprintf(stderr,
                "search: %zu runs (%zu activations x %d seed%s), %zu in the journal, %d worker%s x %d thread%s\n",
                n, o->cfg->nacts, o->cfg->seeds, o->cfg->seeds == 1 ? "" : "s", n - ntodo, jobs, jobs == 1 ? "" : "s",
                threads, threads == 1 ? "" : "s");
    if (ntodo) rc = train_missing(o, &dv, todo, ntodo, err, sizeof err);
    else rc = 0;
    progress_free(dv.view);
    free(dv.slots);
    if (rc) goto fail;
    if (interrupted) {
        fprintf(stderr, "activ: interrupted; the finished runs are in %s/runs: the same command resumes\n", o->dir);
        rc = SEARCH_INTERRUPTED;
    } else if (dv.failed) {
        fprintf(stderr, "activ: %zu run%s failed (see above); the finished runs are kept in %s/runs and the same "
                "command trains the rest\n", dv.failed, dv.failed == 1 ? "" : "s", o->dir);
        rc = 1;
    } else rc = report(o, items, n, jobs, threads, now() - t0);
    free(items), free(todo);
    if (lock >= 0) close(lock);
    return rc;
fail:
    fprintf(stderr, "activ: %s\n", err);
    free(items), free(todo);
    if (lock >= 0) close(lock);
    return rc;
}
