/*
 * Run-time choice of instruction set, the kernel table, threads, and the
 * public array API on top of them.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activ/activ.h"
#include "kernel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#if defined(ACTIV_X86_KERNELS)
#define ACTIV_K(n)                                                                                        \
    extern const activ_kernel activ_kernel_##n##_generic, activ_kernel_##n##_avx2, activ_kernel_##n##_avx512;
#else
#define ACTIV_K(n) extern const activ_kernel activ_kernel_##n##_generic;
#endif
#include "kernels.def"
#undef ACTIV_K

static const activ_kernel *const table_generic[] = {
#define ACTIV_K(n) &activ_kernel_##n##_generic,
#include "kernels.def"
#undef ACTIV_K
};
#if defined(ACTIV_X86_KERNELS)
static const activ_kernel *const table_avx2[] = {
#define ACTIV_K(n) &activ_kernel_##n##_avx2,
#include "kernels.def"
#undef ACTIV_K
};
static const activ_kernel *const table_avx512[] = {
#define ACTIV_K(n) &activ_kernel_##n##_avx512,
#include "kernels.def"
#undef ACTIV_K
};
#endif
#define NKERNELS (sizeof table_generic / sizeof table_generic[0])

/* ---- instruction sets ------------------------------------------------------ */

const char *activ_isa_name(activ_isa isa)
{
    switch (isa) {
    case ACTIV_ISA_GENERIC: return "generic";
    case ACTIV_ISA_AVX2: return "avx2";
    case ACTIV_ISA_AVX512: return "avx512";
    default: return "auto";
    }
}

int activ_isa_supported(activ_isa isa)
{
    switch (isa) {
    case ACTIV_ISA_AUTO:
    case ACTIV_ISA_GENERIC: return 1;
#if defined(ACTIV_X86_KERNELS)
    case ACTIV_ISA_AVX2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case ACTIV_ISA_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
#endif
    default: return 0;
    }
}

static activ_isa best_isa(void)
{
    if (activ_isa_supported(ACTIV_ISA_AVX512)) return ACTIV_ISA_AVX512;
    if (activ_isa_supported(ACTIV_ISA_AVX2)) return ACTIV_ISA_AVX2;
    return ACTIV_ISA_GENERIC;
}

static activ_isa current;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_isa(void)
{
    current = best_isa();
    const char *env = getenv("ACTIV_ISA");
    if (!env || !*env) return;
    for (activ_isa i = ACTIV_ISA_GENERIC; i <= ACTIV_ISA_AVX512; i++)
        if (!strcmp(env, activ_isa_name(i)) && activ_isa_supported(i)) current = i;
}

int activ_isa_set(activ_isa isa)
{
    pthread_once(&once, init_isa);
    if (!activ_isa_supported(isa)) return -1;
    current = isa == ACTIV_ISA_AUTO ? best_isa() : isa;
    return 0;
}

activ_isa activ_isa_active(void)
{
    pthread_once(&once, init_isa);
    return current;
}

static const activ_kernel *find_kernel(const activ_entry *e)
{
    activ_isa isa = activ_isa_active();
    const activ_kernel *const *t = table_generic;
#if defined(ACTIV_X86_KERNELS)
    if (isa == ACTIV_ISA_AVX512) t = table_avx512;
    else if (isa == ACTIV_ISA_AVX2) t = table_avx2;
#else
    (void)isa;
#endif
    /* the softmax family's element maps are not theirs alone (a reduction over the channels comes
       first): no array form; the gated, paired, expanding and maxout element maps have kernels */
    if (e->kind == ACTIV_KIND_SOFTMAX || e->kind == ACTIV_KIND_LOG_SOFTMAX || e->kind == ACTIV_KIND_SPARSEMAX)
        return NULL;
    for (size_t i = 0; i < NKERNELS; i++)
        if (!strcmp(t[i]->name, e->name)) return t[i];
    return NULL;
}

int activ_kernel_info_get(const activ_entry *e, activ_kernel_info *info)
{
    const activ_kernel *k = find_kernel(e);
    memset(info, 0, sizeof *info);
    if (!k) return 0;
    *info = (activ_kernel_info){1, k->bwd_y != NULL, k->dp != NULL, k->f_ulp, k->df_ulp, k->abs, k->why};
    return 1;
}

/* ---- threads ------------------------------------------------------------------ */

static int nthreads;

void activ_set_threads(int n)
{
    nthreads = n > 0 ? n : 0;
}

int activ_threads(void)
{
    if (nthreads > 0) return nthreads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Below this many elements a second thread costs more than it saves (fork/join
   is ~3 us here, the time for ~64 Ki elements of a cheap kernel). */
#define PARALLEL_MIN (64 * 1024)
#define CHUNK (16 * 1024)

static int threads_for(size_t n)
{
    int t = activ_threads();
    if (n < PARALLEL_MIN) return 1;
    size_t chunks = (n + CHUNK - 1) / CHUNK;
    return (size_t)t > chunks ? (int)chunks : t;
}

/* Runs CALL on every CHUNK-long piece [a, a + len) of n elements, the pieces split over the threads. */
#define FOR_CHUNKS(n, CALL)                                                                                    \
    do {                                                                                                       \
        const int t_ = threads_for(n);                                                                         \
        const size_t chunks_ = ((n) + CHUNK - 1) / CHUNK;                                                     \
        (void)t_;                                                                                              \
        _Pragma("omp parallel for num_threads(t_) schedule(static) if (t_ > 1)")                              \
        for (size_t c_ = 0; c_ < chunks_; c_++) {                                                             \
            const size_t a = c_ * CHUNK, len = (n) - a < CHUNK ? (n) - a : CHUNK;                             \
            CALL;                                                                                              \
        }                                                                                                      \
    } while (0)

/* ---- the array API ---------------------------------------------------------- */

/* np partial parameter-gradient sums per CHUNK of n elements (freed by add_chunk_parts) */
static double *chunk_parts(size_t n, unsigned np)
{
    double *part = calloc(((n + CHUNK - 1) / CHUNK) * np + 1, sizeof *part);
    if (!part) abort();
    return part;
}

/* g += the chunks' partial sums in chunk order (so the result does not depend on the threads); frees them */
static void add_chunk_parts(double *part, size_t n, unsigned np, double *g)
{
    for (size_t c = 0; c < (n + CHUNK - 1) / CHUNK; c++)
        for (unsigned j = 0; j < np; j++) g[j] += part[c * np + j];
    free(part);
}

static const float *params_or_defaults(const activ_entry *e, const float *p, float *buf)
{
    if (p) return p;
    double d[ACTIV_MAX_PARAMS];
    activ_defaults(e, d);
    for (unsigned i = 0; i < e->nparams; i++) buf[i] = (float)d[i];
    return buf;
}

void activ_forward(const activ_entry *e, const float *p, const float *x, float *y, size_t n)
{
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    const activ_kernel *k = find_kernel(e);
    if (!k) {
        for (size_t i = 0; i < n; i++) y[i] = activ_f32(e, x[i], p);
        return;
    }
    FOR_CHUNKS(n, k->fwd(x + a, y + a, len, p));
}

void activ_backward(const activ_entry *e, const float *p, const float *x, const float *dy, float *dx, size_t n)
{
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    const activ_kernel *k = find_kernel(e);
    if (!k) {
        for (size_t i = 0; i < n; i++) dx[i] = dy[i] * activ_df32(e, x[i], p);
        return;
    }
    FOR_CHUNKS(n, k->bwd(x + a, dy + a, dx + a, len, p));
}

void activ_forward_with_derivative(const activ_entry *e, const float *p, const float *x, float *y, float *d,
                                   size_t n)
{
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    const activ_kernel *k = find_kernel(e);
    if (!k) {
        for (size_t i = 0; i < n; i++) {
            const float xi = x[i]; /* y may alias x */
            d[i] = activ_df32(e, xi, p);
            y[i] = activ_f32(e, xi, p);
        }
        return;
    }
    FOR_CHUNKS(n, k->fwd_df(x + a, y + a, d + a, len, p));
}

int activ_backward_from_output(const activ_entry *e, const float *p, const float *y, const float *dy, float *dx,
                               size_t n)
{
    if (!e->df_from_y) return -1;
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    const activ_kernel *k = find_kernel(e);
    if (!k || !k->bwd_y) {
        double d[ACTIV_MAX_PARAMS];
        for (unsigned i = 0; i < e->nparams; i++) d[i] = p[i];
        for (size_t i = 0; i < n; i++) dx[i] = (float)(dy[i] * (isnan(y[i]) ? y[i] : e->df_from_y(y[i], d)));
        return 0;
    }
    FOR_CHUNKS(n, k->bwd_y(y + a, dy + a, dx + a, len, p));
    return 0;
}

void activ_param_grad(const activ_entry *e, const float *p, const float *x, const float *dy, size_t n, double *g)
{
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    unsigned np = e->nparams;
    for (unsigned k = 0; k < np; k++) g[k] = 0;
    if (!np) return;
    const activ_kernel *k = find_kernel(e);
    if (!k || !k->dp) {
        double d[ACTIV_MAX_PARAMS], gi[ACTIV_MAX_PARAMS];
        for (unsigned i = 0; i < np; i++) d[i] = p[i];
        for (size_t i = 0; i < n; i++) {
            if (dy[i] == 0) continue;
            activ_dp64(e, x[i], d, gi);
            for (unsigned j = 0; j < np; j++) g[j] += dy[i] * gi[j];
        }
        return;
    }
    /* per-chunk partial sums added in chunk order: the result does not depend on the threads */
    double *part = chunk_parts(n, np);
    FOR_CHUNKS(n, k->dp(x + a, dy + a, len, p, part + (a / CHUNK) * np));
    add_chunk_parts(part, n, np, g);
}

/* activ_backward and activ_param_grad in one pass over x and dy: the same chunks, so the same bits */
static void backward_and_grad(const activ_kernel *k, const float *p, const float *x, const float *dy, float *dx,
                              size_t n, double *g)
{
    const unsigned np = k->nparams;
    double *part = chunk_parts(n, np);
    FOR_CHUNKS(n, k->bwd_dp(x + a, dy + a, dx + a, len, p, part + (a / CHUNK) * np));
    for (unsigned j = 0; j < np; j++) g[j] = 0;
    add_chunk_parts(part, n, np, g);
}

/* ---- parameters per channel or per unit ---------------------------------------- */

size_t activ_shape_slots(const activ_tensor_shape *s)
{
    return s->share == ACTIV_SHARE_CHANNEL ? s->channels : s->share == ACTIV_SHARE_UNIT ? s->channels * s->inner : 1;
}

/*
 * The runs that share parameters, reduced to three cases:
 *  - one set for everything (scalar);
 *  - NCHW per channel: a row of `inner` elements per (n, c) with one set;
 *  - everything else: parameters periodic along memory, with period C
 *    (NHWC per channel) or one sample (per unit; NHWC units are first put in
 *    memory order).
 */
typedef struct {
    int mode; /* 0 scalar, 1 rows, 2 periodic */
    size_t period, rows, rowlen;
    const float *pa; /* periodic parameters, [np][period] in memory order */
    float *owned;
} plan;

static void make_plan(const activ_entry *e, const float *params, const activ_tensor_shape *s, plan *pl)
{
    size_t C = s->channels, I = s->inner, np = e->nparams;
    memset(pl, 0, sizeof *pl);
    pl->pa = params;
    if (s->share == ACTIV_SHARE_SCALAR || np == 0) {
        pl->mode = 0;
    } else if (s->share == ACTIV_SHARE_CHANNEL && s->layout == ACTIV_LAYOUT_NCHW) {
        pl->mode = 1, pl->rows = s->batch * C, pl->rowlen = I;
    } else if (s->share == ACTIV_SHARE_CHANNEL) {
        pl->mode = 2, pl->period = C;
    } else {
        pl->mode = 2, pl->period = C * I;
        if (s->layout == ACTIV_LAYOUT_NHWC) {
            /* unit (c, i) sits at i * C + c in an NHWC sample */
            pl->owned = malloc(np * C * I * sizeof *pl->owned);
            if (!pl->owned) abort();
            for (size_t k = 0; k < np; k++)
                for (size_t c = 0; c < C; c++)
                    for (size_t i = 0; i < I; i++) pl->owned[k * C * I + i * C + c] = params[k * C * I + c * I + i];
            pl->pa = pl->owned;
        }
    }
}

/* memory-order slot -> logical slot (only NHWC units differ) */
static size_t logical_slot(const activ_tensor_shape *s, size_t m)
{
    if (s->share == ACTIV_SHARE_UNIT && s->layout == ACTIV_LAYOUT_NHWC) return (m % s->channels) * s->inner + m / s->channels;
    return m;
}

static void gather(const float *params, size_t nslots, size_t slot, unsigned np, float *p)
{
    for (unsigned k = 0; k < np; k++) p[k] = params[k * nslots + slot];
}

void activ_forward_shared(const activ_entry *e, const float *params, const activ_tensor_shape *s, const float *x,
                          float *y)
{
    size_t n = s->batch * s->channels * s->inner, nslots = activ_shape_slots(s);
    unsigned np = e->nparams;
    plan pl;
    make_plan(e, params, s, &pl);
    const activ_kernel *k = find_kernel(e);
    float p[ACTIV_MAX_PARAMS];
    if (pl.mode == 0) {
        activ_forward(e, np ? params : NULL, x, y, n);
    } else if (pl.mode == 1) {
        for (size_t r = 0; r < pl.rows; r++) {
            gather(params, nslots, r % s->channels, np, p);
            if (k) k->fwd(x + r * pl.rowlen, y + r * pl.rowlen, pl.rowlen, p);
            else
                for (size_t i = 0; i < pl.rowlen; i++) y[r * pl.rowlen + i] = activ_f32(e, x[r * pl.rowlen + i], p);
        }
    } else if (k && k->fwd_pv) {
        k->fwd_pv(x, y, n, pl.pa, pl.period, 0);
    } else {
        for (size_t i = 0; i < n; i++) {
            gather(pl.pa, pl.period, i % pl.period, np, p);
            y[i] = activ_f32(e, x[i], p);
        }
    }
    free(pl.owned);
}

void activ_backward_shared(const activ_entry *e, const float *params, const activ_tensor_shape *s, const float *x,
                           const float *dy, float *dx, double *dparams)
{
    size_t n = s->batch * s->channels * s->inner, nslots = activ_shape_slots(s);
    unsigned np = e->nparams;
    plan pl;
    make_plan(e, params, s, &pl);
    const activ_kernel *k = find_kernel(e);
    float p[ACTIV_MAX_PARAMS];
    double g[ACTIV_MAX_PARAMS];
    if (pl.mode == 0 && dparams && np && k && k->bwd_dp && dx) {
        backward_and_grad(k, params, x, dy, dx, n, g);
        for (unsigned q = 0; q < np; q++) dparams[q] += g[q];
    } else if (pl.mode == 0) {
        activ_backward(e, np ? params : NULL, x, dy, dx, n);
        if (dparams && np) {
            activ_param_grad(e, params, x, dy, n, g);
            for (unsigned q = 0; q < np; q++) dparams[q] += g[q];
        }
    } else if (pl.mode == 1) {
        for (size_t r = 0; r < pl.rows; r++) {
            size_t c = r % s->channels, a = r * pl.rowlen;
            gather(params, nslots, c, np, p);
            if (k && k->bwd_dp && dparams && np) {
                k->bwd_dp(x + a, dy + a, dx + a, pl.rowlen, p, g);
                for (unsigned q = 0; q < np; q++) dparams[q * nslots + c] += g[q];
                continue;
            }
            if (k) k->bwd(x + a, dy + a, dx + a, pl.rowlen, p);
            else
                for (size_t i = 0; i < pl.rowlen; i++) dx[a + i] = dy[a + i] * activ_df32(e, x[a + i], p);
            if (dparams) {
                if (k && k->dp) k->dp(x + a, dy + a, pl.rowlen, p, g);
                else {
                    double d[ACTIV_MAX_PARAMS], gi[ACTIV_MAX_PARAMS];
                    for (unsigned q = 0; q < np; q++) d[q] = p[q], g[q] = 0;
                    for (size_t i = 0; i < pl.rowlen; i++) {
                        activ_dp64(e, x[a + i], d, gi);
                        for (unsigned q = 0; q < np; q++) g[q] += dy[a + i] * gi[q];
                    }
                }
                for (unsigned q = 0; q < np; q++) dparams[q * nslots + c] += g[q];
            }
        }
    } else {
        double *acc = dparams ? calloc(np * pl.period, sizeof *acc) : NULL;
        if (dparams && !acc) abort();
        if (k && k->bwd_pv) {
            k->bwd_pv(x, dy, dx, n, pl.pa, pl.period, 0);
            if (acc) k->dp_pv(x, dy, n, pl.pa, pl.period, 0, acc);
        } else {
            double d[ACTIV_MAX_PARAMS], gi[ACTIV_MAX_PARAMS];
            for (size_t i = 0; i < n; i++) {
                size_t m = i % pl.period;
                gather(pl.pa, pl.period, m, np, p);
                dx[i] = dy[i] * activ_df32(e, x[i], p);
                if (acc) {
                    for (unsigned q = 0; q < np; q++) d[q] = p[q];
                    activ_dp64(e, x[i], d, gi);
                    for (unsigned q = 0; q < np; q++) acc[q * pl.period + m] += dy[i] * gi[q];
                }
            }
        }
        if (acc)
            for (unsigned q = 0; q < np; q++)
                for (size_t m = 0; m < pl.period; m++) dparams[q * nslots + logical_slot(s, m)] += acc[q * pl.period + m];
        free(acc);
    }
    free(pl.owned);
}

/* ---- stochastic entries in training --------------------------------------------- */

static int random_param(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_RANDOM) return (int)k;
    return -1;
}

/* The parameters of element i under plan pl, its random one drawn as draw.h says (for the paths without a
   vector kernel); returns its slot in pl's memory order (0 when shared per tensor). */
static size_t drawn_params(const activ_entry *e, const float *params, const plan *pl, const activ_tensor_shape *s,
                           const uint32_t *key, size_t i, float *p)
{
    size_t slot = 0;
    if (pl->mode == 0) gather(params, 1, 0, e->nparams, p);
    else if (pl->mode == 1) gather(params, activ_shape_slots(s), slot = (i / pl->rowlen) % s->channels, e->nparams, p);
    else gather(pl->pa, pl->period, slot = i % pl->period, e->nparams, p);
    const int r = random_param(e);
    if (r < 0) return slot;
    double d[ACTIV_MAX_PARAMS], u, z;
    for (unsigned k = 0; k < e->nparams; k++) d[k] = p[k];
    activ_draw_uz64(key, i, &u, &z);
    p[r] = (float)e->draw(d, u, z);
    return slot;
}

void activ_forward_drawn(const activ_entry *e, const float *params, const activ_tensor_shape *s, uint64_t seed,
                         uint64_t step, const float *x, float *y, float *d)
{
    float pb[ACTIV_MAX_PARAMS];
    if (!params && s->share == ACTIV_SHARE_SCALAR) params = params_or_defaults(e, NULL, pb); /* as activ_forward */
    if (random_param(e) < 0 && !d) {
        activ_forward_shared(e, params, s, x, y);
        return;
    }
    size_t n = s->batch * s->channels * s->inner, nslots = activ_shape_slots(s);
    uint32_t key[3];
    activ_draw_keys(seed, step, key);
    plan pl;
    make_plan(e, params, s, &pl);
    const activ_kernel *k = find_kernel(e);
    float p[ACTIV_MAX_PARAMS];
    if (k && k->fwd_drawn && pl.mode == 0) {
        FOR_CHUNKS(n, k->fwd_drawn(x + a, y + a, d ? d + a : NULL, len, params, key, a));
    } else if (k && k->fwd_drawn && pl.mode == 1) {
        const int t = threads_for(n);
#pragma omp parallel for num_threads(t) schedule(static) private(p) if (t > 1)
        for (size_t r = 0; r < pl.rows; r++) {
            gather(params, nslots, r % s->channels, e->nparams, p);
            const size_t a = r * pl.rowlen;
            k->fwd_drawn(x + a, y + a, d ? d + a : NULL, pl.rowlen, p, key, a);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            drawn_params(e, params, &pl, s, key, i, p);
            const float xi = x[i]; /* y may alias x */
            if (d) d[i] = activ_df32(e, xi, p);
            y[i] = activ_f32(e, xi, p);
        }
    }
    free(pl.owned);
}

void activ_backward_drawn(const activ_entry *e, const float *params, const activ_tensor_shape *s, uint64_t seed,
                          uint64_t step, const float *x, const float *dy, float *dx, double *dparams)
{
    float pb[ACTIV_MAX_PARAMS];
    if (!params && s->share == ACTIV_SHARE_SCALAR) params = params_or_defaults(e, NULL, pb); /* as activ_forward */
    if (random_param(e) < 0) {
        activ_backward_shared(e, params, s, x, dy, dx, dparams);
        return;
    }
    size_t n = s->batch * s->channels * s->inner, nslots = activ_shape_slots(s);
    const unsigned np = e->nparams;
    uint32_t key[3];
    activ_draw_keys(seed, step, key);
    plan pl;
    make_plan(e, params, s, &pl);
    const activ_kernel *k = find_kernel(e);
    float p[ACTIV_MAX_PARAMS];
    if (k && k->bwd_drawn && pl.mode == 0) {
        double *part = dparams ? chunk_parts(n, np) : NULL;
        FOR_CHUNKS(n, k->bwd_drawn(x + a, dy + a, dx + a, len, params, key, a, part ? part + (a / CHUNK) * np : NULL));
        if (part) add_chunk_parts(part, n, np, dparams);
    } else if (k && k->bwd_drawn && pl.mode == 1) {
        /* per-row sums, added in row order: the same bits for any number of threads */
        double *part = dparams ? calloc(pl.rows * np + 1, sizeof *part) : NULL;
        if (dparams && !part) abort();
        const int t = threads_for(n);
#pragma omp parallel for num_threads(t) schedule(static) private(p) if (t > 1)
        for (size_t r = 0; r < pl.rows; r++) {
            const size_t a = r * pl.rowlen;
            gather(params, nslots, r % s->channels, np, p);
            k->bwd_drawn(x + a, dy + a, dx + a, pl.rowlen, p, key, a, part ? part + r * np : NULL);
        }
        for (size_t r = 0; r < pl.rows && part; r++)
            for (unsigned q = 0; q < np; q++) dparams[q * nslots + r % s->channels] += part[r * np + q];
        free(part);
    } else {
        const int rnd = random_param(e);
        for (size_t i = 0; i < n; i++) {
            const size_t m = drawn_params(e, params, &pl, s, key, i, p);
            const float xi = x[i], up = dy[i]; /* dx may alias dy */
            dx[i] = up * activ_df32(e, xi, p);
            if (!dparams || up == 0) continue;
            double d[ACTIV_MAX_PARAMS], gi[ACTIV_MAX_PARAMS];
            for (unsigned q = 0; q < np; q++) d[q] = p[q];
            activ_dp64(e, xi, d, gi);
            gi[rnd] = 0;
            const size_t slot = pl.mode == 2 ? logical_slot(s, m) : m;
            for (unsigned q = 0; q < np; q++) dparams[q * nslots + slot] += up * gi[q];
        }
    }
    free(pl.owned);
}
