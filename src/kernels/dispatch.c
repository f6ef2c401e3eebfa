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
    /* kinds whose element map is not the whole story have no array form here */
    if (e->kind != ACTIV_KIND_ELEMENTWISE && e->kind != ACTIV_KIND_STOCHASTIC && e->kind != ACTIV_KIND_DATA_DEPENDENT)
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

/* ---- the array API ---------------------------------------------------------- */

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
    int t = threads_for(n);
    (void)t;
    if (!k) {
        for (size_t i = 0; i < n; i++) y[i] = activ_f32(e, x[i], p);
        return;
    }
    size_t chunks = (n + CHUNK - 1) / CHUNK;
#pragma omp parallel for num_threads(t) schedule(static) if (t > 1)
    for (size_t c = 0; c < chunks; c++) {
        size_t a = c * CHUNK, len = n - a < CHUNK ? n - a : CHUNK;
        k->fwd(x + a, y + a, len, p);
    }
}

void activ_backward(const activ_entry *e, const float *p, const float *x, const float *dy, float *dx, size_t n)
{
    float pb[ACTIV_MAX_PARAMS];
    p = params_or_defaults(e, p, pb);
    const activ_kernel *k = find_kernel(e);
    int t = threads_for(n);
    (void)t;
    if (!k) {
        for (size_t i = 0; i < n; i++) dx[i] = dy[i] * activ_df32(e, x[i], p);
        return;
    }
    size_t chunks = (n + CHUNK - 1) / CHUNK;
#pragma omp parallel for num_threads(t) schedule(static) if (t > 1)
    for (size_t c = 0; c < chunks; c++) {
        size_t a = c * CHUNK, len = n - a < CHUNK ? n - a : CHUNK;
        k->bwd(x + a, dy + a, dx + a, len, p);
    }
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
    int t = threads_for(n);
    (void)t;
    size_t chunks = (n + CHUNK - 1) / CHUNK;
#pragma omp parallel for num_threads(t) schedule(static) if (t > 1)
    for (size_t c = 0; c < chunks; c++) {
        size_t a = c * CHUNK, len = n - a < CHUNK ? n - a : CHUNK;
        k->bwd_y(y + a, dy + a, dx + a, len, p);
    }
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
    size_t chunks = (n + CHUNK - 1) / CHUNK;
    double *part = calloc(chunks * np + 1, sizeof *part);
    if (!part) abort();
    int t = threads_for(n);
    (void)t;
#pragma omp parallel for num_threads(t) schedule(static) if (t > 1)
    for (size_t c = 0; c < chunks; c++) {
        size_t a = c * CHUNK, len = n - a < CHUNK ? n - a : CHUNK;
        k->dp(x + a, dy + a, len, p, part + c * np);
    }
    for (size_t c = 0; c < chunks; c++)
        for (unsigned j = 0; j < np; j++) g[j] += part[c * np + j];
    free(part);
}
