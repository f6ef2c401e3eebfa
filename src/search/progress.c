#define _POSIX_C_SOURCE 200809L
#include "search/progress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct slot_state {
    int busy;
    char act[128];
    int seed, epoch, epochs;
    size_t step, steps;
    double loss, acc, val_acc;
} slot_state;

struct progress {
    FILE *out;
    progress_mode mode;
    size_t total, done_before, done, failed;
    int nslots, lines_drawn;
    slot_state *slots;
    double started, last_draw;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

progress *progress_new(FILE *out, progress_mode mode, size_t total, size_t done, int slots)
{
    progress *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->slots = calloc((size_t)(slots > 0 ? slots : 1), sizeof *p->slots);
    if (!p->slots) {
        free(p);
        return NULL;
    }
    p->out = out;
    p->mode = mode;
    p->total = total;
    p->done_before = done;
    p->nslots = slots;
    p->started = now();
    p->last_draw = -1;
    return p;
}

void progress_free(progress *p)
{
    if (!p) return;
    progress_clear(p);
    free(p->slots);
    free(p);
}

void progress_duration(double s, char *out, size_t len)
{
    if (!(s >= 0) || s > 1e8) snprintf(out, len, "?");
    else if (s >= 3600) snprintf(out, len, "%dh%02dm", (int)(s / 3600), (int)fmod(s / 60, 60));
    else if (s >= 60) snprintf(out, len, "%dm%02ds", (int)(s / 60), (int)fmod(s, 60));
    else snprintf(out, len, "%.0fs", s);
}

void progress_start(progress *p, int slot, const char *act, int seed, int epochs)
{
    if (!p || slot < 0 || slot >= p->nslots) return;
    slot_state *s = &p->slots[slot];
    memset(s, 0, sizeof *s);
    s->busy = 1;
    snprintf(s->act, sizeof s->act, "%s", act);
    s->seed = seed;
    s->epochs = epochs;
    s->val_acc = NAN;
    s->acc = NAN;
}

void progress_step(progress *p, int slot, int epoch, size_t step, size_t steps, double loss, double acc)
{
    if (!p || slot < 0 || slot >= p->nslots) return;
    slot_state *s = &p->slots[slot];
    s->epoch = epoch, s->step = step, s->steps = steps, s->loss = loss, s->acc = acc;
}

void progress_epoch(progress *p, int slot, int epoch, double val_acc)
{
    if (!p || slot < 0 || slot >= p->nslots) return;
    p->slots[slot].epoch = epoch;
    p->slots[slot].val_acc = val_acc;
}

/* Work done in this session, in runs (running runs count by their fraction). */
static double work_done(const progress *p)
{
    double w = (double)(p->done + p->failed);
    for (int i = 0; i < p->nslots; i++) {
        const slot_state *s = &p->slots[i];
        if (!s->busy || s->epochs < 1) continue;
        double in_epoch = s->steps ? (double)s->step / (double)s->steps : 0;
        double f = (s->epoch > 0 ? s->epoch - 1 + in_epoch : 0) / s->epochs;
        w += f < 0 ? 0 : f > 1 ? 1 : f;
    }
    return w;
}

static void eta(const progress *p, char *out, size_t len)
{
    double w = work_done(p), left = (double)(p->total - p->done_before) - w;
    if (w < 0.05) snprintf(out, len, "?");
    else progress_duration((now() - p->started) / w * left, out, len);
}

void progress_clear(progress *p)
{
    if (!p || p->mode != PROGRESS_LIVE || !p->lines_drawn) return;
    fprintf(p->out, "\033[%dA\033[J", p->lines_drawn);
    p->lines_drawn = 0;
    fflush(p->out);
}

void progress_draw(progress *p, int force)
{
    if (!p || p->mode != PROGRESS_LIVE) return;
    double t = now();
    if (!force && p->last_draw >= 0 && t - p->last_draw < 0.25) return;
    p->last_draw = t;
    progress_clear(p);
    char left[32], elapsed[32];
    eta(p, left, sizeof left);
    progress_duration(t - p->started, elapsed, sizeof elapsed);
    int running = 0;
    for (int i = 0; i < p->nslots; i++) running += p->slots[i].busy;
    fprintf(p->out, "\033[2K%zu/%zu runs done, %d running, %s elapsed, about %s left\n", p->done_before + p->done,
            p->total, running, elapsed, left);
    int lines = 1;
    for (int i = 0; i < p->nslots; i++) {
        const slot_state *s = &p->slots[i];
        if (!s->busy) continue;
        fprintf(p->out, "\033[2K  %-22.22s seed %-2d epoch %d/%d  step %zu/%zu  loss %.3f  acc %5.1f%%", s->act,
                s->seed, s->epoch, s->epochs, s->step, s->steps, s->loss, 100 * s->acc);
        if (!isnan(s->val_acc)) fprintf(p->out, "  val %5.1f%%", 100 * s->val_acc);
        fputc('\n', p->out);
        lines++;
    }
    p->lines_drawn = lines;
    fflush(p->out);
}

void progress_finish(progress *p, int slot, const search_run *r, const char *failure, double seconds)
{
    if (!p) return;
    const char *act = slot >= 0 && slot < p->nslots ? p->slots[slot].act : "?";
    int seed = slot >= 0 && slot < p->nslots ? p->slots[slot].seed : 0;
    if (slot >= 0 && slot < p->nslots) p->slots[slot].busy = 0;
    if (r) p->done++;
    else p->failed++;
    if (p->mode == PROGRESS_QUIET) return;
    progress_clear(p);
    char took[32];
    progress_duration(seconds, took, sizeof took);
    fprintf(p->out, "[%zu/%zu] %s seed %d: ", p->done_before + p->done, p->total, act, seed);
    if (!r) fprintf(p->out, "FAILED (%s)\n", failure ? failure : "unknown error");
    else if (r->diverged)
        fprintf(p->out, "diverged at epoch %d; test %.2f%% at epoch %d, %s\n", r->diverged_epoch, 100 * r->test_acc,
                r->best_epoch, took);
    else
        fprintf(p->out, "test %.2f%% (epoch %d of %d, val %.2f%%), %s\n", 100 * r->test_acc, r->best_epoch,
                r->epochs_run, 100 * r->best_val_acc, took);
    fflush(p->out);
    progress_draw(p, 1);
}
