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
#include "search/driver.h"
#include "search/journal.h"



int search_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
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
    double t = search_now();
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

/* The body of a worker process: train one run, journal it.  Never returns. */
static void worker(const search_options *o, const search_data *d, const search_item *it, uint32_t run, int slot,
                   int threads, int fd, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(3); /* the driver died before the line above took effect */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    worker_ctx w = {fd, slot, run, 0};
    worker_msg fail = {.kind = MSG_FAIL};
    double t0 = search_now();
    activ_train_hooks hooks = {on_progress, on_epoch, &w};
    activ_train_result res;
    search_run r;
    if (search_train_one(o->cfg, d, it, threads, &hooks, &r, &res, fail.text, sizeof fail.text)) {
        send_msg(&w, &fail);
        _exit(1);
    }
    journal_timing t = {threads, search_now() - t0};
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
    const search_data *data;
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
    dv->slots[s] = (slot){pid, run, search_now(), ""};
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
        progress_finish(dv->view, s, &r, NULL, search_now() - sl->started);
        journal_run_free(&r);
    } else {
        if (!sl->failure[0] && WIFSIGNALED(status))
            snprintf(sl->failure, sizeof sl->failure, "worker killed by signal %d", WTERMSIG(status));
        else if (!sl->failure[0] && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            snprintf(sl->failure, sizeof sl->failure, "%.200s", why);
        else if (!sl->failure[0]) snprintf(sl->failure, sizeof sl->failure, "worker exited with status %d",
                                           WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        progress_finish(dv->view, s, NULL, sl->failure, search_now() - sl->started);
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
    search_data data;
    /* no OpenMP team may exist in the driver before fork(): libgomp's threads do not survive it */
    omp_set_num_threads(1);
    if (search_load_data(o->cfg, &data, err, errlen)) return 2;
    if (search_check_model(o->cfg, &data.all, err, errlen)) {
        search_free_data(&data);
        return 2;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        search_free_data(&data);
        return 1;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    dv->data = &data;
    dv->pipe_rd = fds[0], dv->pipe_wr = fds[1];
    install_handlers();
    run_workers(dv, todo, ntodo);
    close(fds[0]), close(fds[1]);
    search_free_data(&data);
    return 0;
}

/* The end of a search or of a shard: the report, or for a shard what is left to do. */
static int finish(const search_options *o, const search_journal *j, int jobs, int threads, double seconds)
{
    if (!o->shard_n) {
        search_meta m = {.command_line = o->command_line, .preset = o->preset, .threads = threads, .workers = jobs,
                         .total_seconds = seconds};
        return search_report_journal(o->dir, o->cfg, &m, j->items, j->n);
    }
    if (o->progress != PROGRESS_QUIET)
        fprintf(stderr, "search: shard %d/%d done: its %zu runs are in %s/runs. A shard writes no report: when every "
                "shard is done, 'activ merge DIR... -o OUT' writes it.\n", o->shard_k, o->shard_n, j->n, o->dir);
    return 0;
}

int search_execute(const search_options *o)
{
    char err[4096];
    double t0 = search_now();
    search_journal j;
    int rc = search_journal_open(o, &j, err, sizeof err);
    if (rc) goto fail;
    size_t n = j.n;
    int cores = search_cores();
    int jobs = o->jobs > 0 ? o->jobs : cores;
    /* from the whole list, not what is left, so a resumed run gets the threads it would have had */
    if ((size_t)jobs > n) jobs = n ? (int)n : 1;
    int threads = cores / jobs > 1 ? cores / jobs : 1;
    driver dv = {o, j.items, n, NULL, jobs, threads, -1, -1, calloc((size_t)jobs, sizeof(slot)), NULL, 0};
    dv.view = progress_new(stderr, o->progress, n, n - j.ntodo, jobs);
    if (!dv.slots || !dv.view) {
        snprintf(err, sizeof err, "out of memory");
        free(dv.slots), progress_free(dv.view);
        rc = 1;
        goto fail;
    }
    if (o->progress != PROGRESS_QUIET) {
        char part[64] = "";
        if (o->shard_n) snprintf(part, sizeof part, " of shard %d/%d", o->shard_k, o->shard_n);
        fprintf(stderr,
                "search: %zu runs%s (%zu activations x %d seed%s: %zu in all), %zu in the journal, %d worker%s x %d "
                "thread%s\n", n, part, o->cfg->nacts, o->cfg->seeds, o->cfg->seeds == 1 ? "" : "s", j.all,
                n - j.ntodo, jobs, jobs == 1 ? "" : "s", threads, threads == 1 ? "" : "s");
    }
    rc = j.ntodo ? train_missing(o, &dv, j.todo, j.ntodo, err, sizeof err) : 0;
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
    } else rc = finish(o, &j, jobs, threads, search_now() - t0);
    search_journal_close(&j);
    return rc;
fail:
    fprintf(stderr, "activ: %s\n", err);
    search_journal_close(&j);
    return rc;
}
