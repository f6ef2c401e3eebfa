#ifdef ACTIV_HAVE_MPI
#define _GNU_SOURCE /* sched_getaffinity */
#include "search/mpi_driver.h"

#include <mpi.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/driver.h"
#include "search/shard.h"

/* Messages: a rank asks (READY) or answers (RESULT, FAIL), rank 0 assigns (RUN: an index, -1 for none left). */
enum { TAG_READY = 1, TAG_RUN, TAG_RESULT, TAG_FAIL, TAG_STEP, TAG_EPOCH, TAG_UNABLE };

typedef struct step_msg {
    int32_t epoch, pad;
    uint64_t step, steps;
    double loss, acc;
} step_msg;

/* ---- how many threads a training rank uses ------------------------------------------ */

/* The cores the job has on this node over the training ranks there; this rank may then run on all of them. */
static int node_threads(int rank, int *trainers_out)
{
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
    int node_size, has_root = rank == 0, root_here = 0;
    MPI_Comm_size(node, &node_size);
    MPI_Allreduce(&has_root, &root_here, 1, MPI_INT, MPI_MAX, node);
    cpu_set_t mine, all;
    CPU_ZERO(&mine);
    if (sched_getaffinity(0, sizeof mine, &mine) != 0) CPU_ZERO(&mine);
    MPI_Allreduce(&mine, &all, (int)sizeof mine, MPI_BYTE, MPI_BOR, node);
    MPI_Comm_free(&node);
    int cores = CPU_COUNT(&all) > 0 ? CPU_COUNT(&all) : search_cores();
    int trainers = node_size - root_here;
    *trainers_out = trainers;
    if (rank == 0 || trainers < 1) return 1;
    /* mpirun binds each rank to a core or a socket: give the threads the node's whole set, the OS spreads them */
    if (CPU_COUNT(&all) > CPU_COUNT(&mine)) sched_setaffinity(0, sizeof all, &all);
    return cores / trainers > 1 ? cores / trainers : 1;
}

/* ---- a training rank ------------------------------------------------------------------ */

typedef struct rank_progress {
    double last;
} rank_progress;

static void on_step(void *ctx, int epoch, int epochs, size_t step, size_t steps, double loss, double acc,
                    double img_per_s)
{
    (void)epochs, (void)img_per_s;
    rank_progress *p = ctx;
    double t = search_now();
    if (t - p->last < 0.5 && step != steps) return;
    p->last = t;
    step_msg m = {epoch, 0, step, steps, loss, acc};
    MPI_Send(&m, (int)sizeof m, MPI_BYTE, 0, TAG_STEP, MPI_COMM_WORLD);
}

static void on_epoch(void *ctx, const activ_epoch_log *log)
{
    (void)ctx;
    step_msg m = {log->epoch, 0, 0, 0, log->val_loss, log->val_acc};
    MPI_Send(&m, (int)sizeof m, MPI_BYTE, 0, TAG_EPOCH, MPI_COMM_WORLD);
}

static void send_text(const char *text, size_t len, int tag)
{
    MPI_Send(text, (int)len, MPI_CHAR, 0, tag, MPI_COMM_WORLD);
}

/* Trains what rank 0 hands out until it says there is nothing left. */
static int train_rank(const search_options *o, const search_item *items, int threads)
{
    search_data data;
    char err[1024];
    if (search_load_data(o->cfg, &data, err, sizeof err)) {
        send_text(err, strlen(err) + 1, TAG_UNABLE);
        return 0;
    }
    int run = -1;
    MPI_Send(&run, 1, MPI_INT, 0, TAG_READY, MPI_COMM_WORLD);
    for (;;) {
        MPI_Recv(&run, 1, MPI_INT, 0, TAG_RUN, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (run < 0) break;
        rank_progress p = {0};
        activ_train_hooks hooks = {on_step, on_epoch, &p};
        activ_train_result res;
        search_run r;
        double t0 = search_now();
        if (search_train_one(o->cfg, &data, &items[run], threads, &hooks, &r, &res, err, sizeof err)) {
            send_text(err, strlen(err) + 1, TAG_FAIL);
            continue;
        }
        journal_timing t = {threads, search_now() - t0};
        size_t len = 0;
        char *text = journal_run_text(&r, &t, &len);
        activ_train_result_free(&res);
        if (!text) {
            snprintf(err, sizeof err, "out of memory");
            send_text(err, strlen(err) + 1, TAG_FAIL);
            continue;
        }
        send_text(text, len, TAG_RESULT);
        free(text);
    }
    search_free_data(&data);
    return 0;
}

/* ---- rank 0 ----------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { interrupted = sig; }

typedef struct coordinator {
    const search_options *o;
    const search_journal *j;
    progress *view;
    int *running;     /* per rank: index into items, or -1 */
    double *started;
    size_t next, failed, active;
} coordinator;

/* Gives rank src its next run, or tells it to stop. */
static void assign(coordinator *c, int src)
{
    int run = -1;
    if (c->next < c->j->ntodo && !c->failed && !interrupted) run = (int)c->j->todo[c->next++];
    MPI_Send(&run, 1, MPI_INT, src, TAG_RUN, MPI_COMM_WORLD);
    c->running[src] = run;
    c->started[src] = search_now();
    if (run < 0) c->active--;
    else progress_start(c->view, src - 1, c->o->cfg->acts[c->j->items[run].act], c->j->items[run].seed,
                        c->o->cfg->epochs);
}

static char *recv_text(const MPI_Status *st, int *len)
{
    MPI_Get_count(st, MPI_CHAR, len);
    char *text = malloc((size_t)*len + 1);
    MPI_Recv(text ? text : (char[1]){0}, text ? *len : 0, MPI_CHAR, st->MPI_SOURCE, st->MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (text) text[*len] = 0;
    return text;
}

/* A finished run from src: checked (the expected activation and seed, a whole run file) and journaled. */
static void received(coordinator *c, int src, const char *text, int len)
{
    int run = c->running[src];
    char why[1024];
    if (run < 0) return;
    const search_item *it = &c->j->items[run];
    search_run r;
    char name[256];
    snprintf(name, sizeof name, "rank %d's %s", src, it->id);
    if (!text) snprintf(why, sizeof why, "out of memory");
    if (text && journal_parse_run(text, (size_t)len, name, c->o->cfg->acts[it->act], it->seed, &r, NULL, why,
                                  sizeof why) == 0) {
        int rc = journal_write_run_text(c->o->dir, it->id, text, (size_t)len, why, sizeof why);
        if (!rc) progress_finish(c->view, src - 1, &r, NULL, search_now() - c->started[src]);
        journal_run_free(&r);
        if (!rc) return;
    }
    progress_finish(c->view, src - 1, NULL, why, search_now() - c->started[src]);
    c->failed++;
}

static void handle(coordinator *c, const MPI_Status *st)
{
    int src = st->MPI_SOURCE, len = 0;
    if (st->MPI_TAG == TAG_STEP || st->MPI_TAG == TAG_EPOCH) {
        step_msg m;
        MPI_Recv(&m, (int)sizeof m, MPI_BYTE, src, st->MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (c->running[src] < 0) return;
        if (st->MPI_TAG == TAG_STEP)
            progress_step(c->view, src - 1, m.epoch, (size_t)m.step, (size_t)m.steps, m.loss, m.acc);
        else progress_epoch(c->view, src - 1, m.epoch, m.acc);
        return;
    }
    if (st->MPI_TAG == TAG_READY) {
        int ignored;
        MPI_Recv(&ignored, 1, MPI_INT, src, TAG_READY, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        assign(c, src);
        return;
    }
    char *text = recv_text(st, &len);
    if (st->MPI_TAG == TAG_RESULT) received(c, src, text, len);
    else if (st->MPI_TAG == TAG_FAIL) {
        progress_finish(c->view, src - 1, NULL, text ? text : "failed", search_now() - c->started[src]);
        c->failed++;
    } else if (st->MPI_TAG == TAG_UNABLE) {
        progress_clear(c->view);
        fprintf(stderr, "activ: rank %d cannot train: %s\n", src, text ? text : "?");
        c->failed++, c->active--;
        free(text);
        return;
    }
    free(text);
    assign(c, src);
}

/* Serves the ranks until each has been told to stop. */
static void coordinate(coordinator *c)
{
    while (c->active) {
        if (interrupted) {
            progress_clear(c->view);
            fprintf(stderr, "activ: interrupted; the finished runs are in %s/runs: the same command resumes\n",
                    c->o->dir);
            MPI_Abort(MPI_COMM_WORLD, SEARCH_INTERRUPTED);
        }
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (flag) handle(c, &st);
        else {
            progress_draw(c->view, 0);
            nanosleep(&(struct timespec){0, 2000000}, NULL);
        }
    }
}

/* Opens the journal and checks the data and model, as search_execute does before any run: 0, 1 or 2. */
static int prepare(const search_options *o, search_journal *j, char *err, size_t errlen)
{
    int rc = search_journal_open(o, j, err, errlen);
    if (rc || !j->ntodo) return rc;
    search_data d;
    if (search_load_data(o->cfg, &d, err, errlen)) return 2;
    rc = search_check_model(o->cfg, &d.all, err, errlen) ? 2 : 0;
    search_free_data(&d);
    return rc;
}

static int root(const search_options *o, search_journal *j, int size, int threads, double t0)
{
    int workers = size - 1;
    coordinator c = {o, j, progress_new(stderr, o->progress, j->n, j->n - j->ntodo, workers),
                     malloc((size_t)size * sizeof(int)), calloc((size_t)size, sizeof(double)), 0, 0, (size_t)workers};
    if (!c.view || !c.running || !c.started) {
        fprintf(stderr, "activ: out of memory\n");
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    for (int r = 0; r < size; r++) c.running[r] = -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL), sigaction(SIGTERM, &sa, NULL), sigaction(SIGHUP, &sa, NULL);
    if (o->progress != PROGRESS_QUIET)
        fprintf(stderr, "search: %zu runs%s, %zu in the journal, %d MPI rank%s training x %d thread%s (rank 0 "
                "hands out the runs)\n", j->n, o->shard_n ? " of this shard" : "", j->n - j->ntodo, workers, workers == 1 ? "" : "s",
                threads, threads == 1 ? "" : "s");
    coordinate(&c);
    progress_free(c.view);
    free(c.running), free(c.started);
    if (c.failed) {
        fprintf(stderr, "activ: %zu run%s failed (see above); the finished runs are kept in %s/runs and the same "
                "command trains the rest\n", c.failed, c.failed == 1 ? "" : "s", o->dir);
        return 1;
    }
    if (o->shard_n) return 0;
    search_meta m = {.command_line = o->command_line, .preset = o->preset, .threads = threads, .workers = workers,
                     .total_seconds = search_now() - t0};
    return search_report_journal(o->dir, o->cfg, &m, j->items, j->n);
}

int search_mpi_execute(const search_options *o)
{
    double t0 = search_now();
    int provided, rank, size;
    /* funneled: training's OpenMP threads never call MPI, only each rank's main thread */
    MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size == 1) {
        MPI_Finalize();
        return search_execute(o);
    }
    search_journal j;
    char err[4096];
    int status = rank == 0 ? prepare(o, &j, err, sizeof err) : 0;
    if (rank == 0 && status) fprintf(stderr, "activ: %s\n", err);
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
    int trainers, threads = node_threads(rank, &trainers), most = threads;
    MPI_Reduce(&threads, &most, 1, MPI_INT, MPI_MAX, 0, MPI_COMM_WORLD);
    if (!status) {
        if (rank == 0) status = root(o, &j, size, most, t0);
        else {
            search_item *items;
            size_t n;
            /* the run list is a pure function of the configuration: every rank plans the same one */
            if (search_plan(o->cfg, &items, &n, err, sizeof err) == 0) {
                /* rank 0 hands out indices into its list: the shard's, when there is one */
                if (o->shard_n) search_shard_select(items, n, o->shard_k, o->shard_n);
                train_rank(o, items, threads);
                free(items);
            }
        }
    }
    if (rank == 0) search_journal_close(&j);
    MPI_Finalize();
    return rank == 0 ? status : 0;
}
#else
typedef int search_mpi_driver_not_built; /* a build without MPI: mpi_launch.c stands in */
#endif
