/*
 * The activation layer's fast paths for the non-elementwise kinds, on NCHW
 * tensors [n][C][I] (I = H*W; 1 for a dense layer).  The element maps run
 * on the vector kernels over whole batches (one call each: a call costs a
 * kernel look-up, too much per sample of a dense layer), or sample by
 * sample where a sample has 4096 elements or more; the rest are
 * short loops over the contiguous pixels, split over the samples with
 * OpenMP.  Every value depends on its own sample only, so the results do
 * not depend on the threads.  What the reference (src/catalog/layer.c)
 * computes in double is computed here in double too where it matters
 * (softmax sums, the sparsemax threshold); element maps are the kernels'
 * float results, within their tested bounds.
 *
 *   gated      y = a f(b): f(b) and f'(b) kept by the training forward, so
 *              the backward is two multiplies;
 *   paired     y = f(a) - f(b): f' kept likewise;
 *   expanding  copy j = f(x; branch = j): one kernel pass per copy, the
 *              backward from x with the parameter gradients in double;
 *   maxout     the maximum of f over each group of k channels, the first
 *              arg-max and f' there kept;
 *   softmax, log-softmax  max, x - max, e^ (the exponential's kernel), the
 *              sum in double, sample by sample in cache; the probabilities
 *              kept;
 *   sparsemax  the threshold tau by Michelot's iteration (tau from the sum
 *              of the elements above the last tau, until the support stops
 *              changing: the support the reference finds by sorting, with
 *              no sort), in double; tau kept.
 */
#include "net/act_kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/simd.h"

/* below this many elements a second thread costs more than it saves (as the rest of src/net) */
#define PAR_MIN 65536
/* a sample this large is worth kernel calls of its own (its data stay in cache; an expanding copy goes
   straight to its place in y) */
#define SAMPLE_CALL_MIN 4096

struct act_kinds {
    const activ_layer *al;
    const activ_entry *e, *exp; /* exp: softmax's e^x kernel */
    size_t C, I, out_c;
    size_t copies; /* expanding: output copies */
    int branch;    /* expanding: the branch parameter */
    float *pj;     /* expanding: the parameters with the branch set, one set per copy */
    double *dp;    /* expanding: parameter gradients, summed over the copies */
    /* per sample, times cap: floats kept for the backward, floats of scratch, per-pixel doubles, arg-max */
    size_t keep_per, work_per, pix_per, arg_per, cap;
    float *keep, *work;
    double *pix;
    int *arg;
};

static size_t copies_of(const activ_entry *e, int branch)
{
    return branch < 0 ? 1 : (size_t)e->params[branch].max + 1;
}

static int branch_of(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_BRANCH) return (int)k;
    return -1;
}

/* the fast path's per-sample buffer sizes, or 0 when the reference serves the kind */
static int plan(act_kinds *K)
{
    const activ_entry *e = K->e;
    const size_t CI = K->C * K->I, HI = CI / 2, I = K->I;
    switch (e->kind) {
    case ACTIV_KIND_GATED: /* f(b) and f'(b) */
        if (e->nparams) return 0;
        K->keep_per = 2 * HI;
        return 1;
    case ACTIV_KIND_PAIRED: /* f' kept, f scratch */
        if (e->nparams) return 0;
        K->keep_per = CI, K->work_per = CI;
        return 1;
    case ACTIV_KIND_EXPANDING:
        K->branch = branch_of(e);
        if (K->branch < 0) return 0;
        K->copies = copies_of(e, K->branch);
        K->work_per = 2 * CI; /* dy and dx of one copy */
        return 1;
    case ACTIV_KIND_MAXOUT: /* f and f' scratch; f' at the arg-max and the arg-max kept */
        if (K->al->nshare != 1) return 0;
        K->work_per = 2 * CI, K->keep_per = K->out_c * I, K->arg_per = K->out_c * I;
        return 1;
    case ACTIV_KIND_SOFTMAX:
    case ACTIV_KIND_LOG_SOFTMAX: /* e^(x - max) scratch, probabilities kept; max (float) and sum per pixel */
        K->exp = activ_find("exponential", NULL);
        if (!K->exp) return 0;
        K->work_per = CI + I, K->keep_per = CI, K->pix_per = 2 * I;
        return 1;
    case ACTIV_KIND_SPARSEMAX: /* tau (kept), sum, count, and the next sum and count per pixel */
        K->pix_per = 5 * I;
        return 1;
    default: return 0;
    }
}

int act_kinds_new(act_kinds **out, const activ_layer *al)
{
    *out = NULL;
    act_kinds *K = calloc(1, sizeof *K);
    if (!K) return -1;
    K->al = al, K->e = al->entry, K->C = al->channels, K->I = al->inner, K->out_c = activ_layer_out_channels(al);
    if (!plan(K)) {
        free(K);
        return 0;
    }
    const size_t np = K->e->nparams * al->nshare;
    if (K->e->kind == ACTIV_KIND_EXPANDING && np) {
        K->pj = malloc(K->copies * np * sizeof *K->pj);
        K->dp = malloc(np * sizeof *K->dp);
        if (!K->pj || !K->dp) {
            act_kinds_free(K);
            return -1;
        }
    }
    *out = K;
    return 0;
}

int act_kinds_reserve(act_kinds *K, size_t batch)
{
    if (batch <= K->cap) return 0;
    free(K->keep), free(K->work), free(K->pix), free(K->arg);
    K->keep = malloc((batch * K->keep_per + 1) * sizeof *K->keep);
    K->work = malloc((batch * K->work_per + 1) * sizeof *K->work);
    K->pix = malloc((batch * K->pix_per + 1) * sizeof *K->pix);
    K->arg = malloc((batch * K->arg_per + 1) * sizeof *K->arg);
    const int ok = K->keep && K->work && K->pix && K->arg;
    K->cap = ok ? batch : 0;
    return ok ? 0 : -1;
}

void act_kinds_free(act_kinds *K)
{
    if (!K) return;
    free(K->keep), free(K->work), free(K->pix), free(K->arg), free(K->pj), free(K->dp);
    free(K);
}

static activ_tensor_shape batch_shape(const act_kinds *K, size_t n)
{
    return (activ_tensor_shape){.batch = n, .channels = K->C, .inner = K->I, .layout = ACTIV_LAYOUT_NCHW,
                                .share = K->al->share};
}

/* ---- gated: y = a f(b) over the channel halves a | b ------------------------------- */

static void gated_forward(act_kinds *K, const float *x, float *y, size_t n, int train)
{
    const size_t CI = K->C * K->I, HI = CI / 2;
    float *fb = K->keep, *db = K->keep + K->cap * HI;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) memcpy(fb + s * HI, x + s * CI + HI, HI * sizeof *fb);
    if (train) activ_forward_with_derivative(K->e, NULL, fb, fb, db, n * HI);
    else activ_forward(K->e, NULL, fb, fb, n * HI);
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        const float *a = x + s * CI, *f = fb + s * HI;
        float *ys = y + s * HI;
        for (size_t t = 0; t < HI; t++) ys[t] = a[t] * f[t];
    }
}

static void gated_backward(act_kinds *K, const float *x, const float *dy, float *dx, size_t n)
{
    const size_t CI = K->C * K->I, HI = CI / 2;
    const float *fb = K->keep, *db = K->keep + K->cap * HI;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        const float *a = x + s * CI, *up = dy + s * HI, *f = fb + s * HI, *d = db + s * HI;
        float *da = dx + s * CI, *dbx = da + HI;
        for (size_t t = 0; t < HI; t++) da[t] = up[t] * f[t], dbx[t] = up[t] * a[t] * d[t];
    }
}

/* ---- paired: y = f(a) - f(b) ------------------------------------------------------- */

static void paired_forward(act_kinds *K, const float *x, float *y, size_t n, int train)
{
    const size_t CI = K->C * K->I, HI = CI / 2;
    float *f = K->work;
    if (train) activ_forward_with_derivative(K->e, NULL, x, f, K->keep, n * CI);
    else activ_forward(K->e, NULL, x, f, n * CI);
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        const float *fa = f + s * CI, *fbb = fa + HI;
        float *ys = y + s * HI;
        for (size_t t = 0; t < HI; t++) ys[t] = fa[t] - fbb[t];
    }
}

static void paired_backward(act_kinds *K, const float *dy, float *dx, size_t n)
{
    const size_t CI = K->C * K->I, HI = CI / 2;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        const float *up = dy + s * HI, *d = K->keep + s * CI;
        float *da = dx + s * CI;
        for (size_t t = 0; t < HI; t++) da[t] = up[t] * d[t], da[HI + t] = -(up[t] * d[HI + t]);
    }
}

/* ---- expanding: copy j of each channel is f(x; branch = j) --------------------------- */

/* every copy's parameters from the layer's (the optimiser moves them between steps), with the branch at j */
static void set_copy_params(act_kinds *K)
{
    const size_t S = K->al->nshare, np = K->e->nparams * S;
    for (size_t j = 0; K->pj && j < K->copies; j++) {
        float *p = K->pj + j * np;
        memcpy(p, K->al->params, np * sizeof *p);
        for (size_t s = 0; s < S; s++) p[(size_t)K->branch * S + s] = (float)j;
    }
}

/* copy j's parameters, or NULL (none) */
static const float *copy_params(const act_kinds *K, size_t j)
{
    return K->pj ? K->pj + j * K->e->nparams * K->al->nshare : NULL;
}

/* n rows of len floats: row s from src + s * sstride to dst + s * dstride (a copy j of [n][copies][C][I]
   to or from [n][C][I]) */
static void copy_rows(size_t n, size_t len, const float *src, size_t sstride, float *dst, size_t dstride)
{
#pragma omp parallel for schedule(static) if (n * len > PAR_MIN)
    for (size_t s = 0; s < n; s++) memcpy(dst + s * dstride, src + s * sstride, len * sizeof *dst);
}


static void expanding_forward(act_kinds *K, const float *x, float *y, size_t n)
{
    const size_t CI = K->C * K->I, m = K->copies;
    set_copy_params(K);
    if (CI >= SAMPLE_CALL_MIN) {
        const activ_tensor_shape one = batch_shape(K, 1);
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
        for (size_t s = 0; s < n; s++)
            for (size_t j = 0; j < m; j++)
                activ_forward_shared(K->e, copy_params(K, j), &one, x + s * CI, y + (s * m + j) * CI);
        return;
    }
    const activ_tensor_shape sh = batch_shape(K, n);
    for (size_t j = 0; j < m; j++) {
        activ_forward_shared(K->e, copy_params(K, j), &sh, x, K->work);
        copy_rows(n, CI, K->work, CI, y + j * CI, m * CI);
    }
}

static void expanding_backward(act_kinds *K, const float *x, const float *dy, float *dx, size_t n, float *g)
{
    const activ_tensor_shape sh = batch_shape(K, n);
    const size_t CI = K->C * K->I, np = K->e->nparams * K->al->nshare;
    double *dp = g && np ? K->dp : NULL;
    if (!dx && !dp) return;
    if (dp) memset(dp, 0, np * sizeof *dp);
    set_copy_params(K);
    if (CI >= SAMPLE_CALL_MIN) {
        /* per sample: dy's rows read in place; parameter sums per sample, added in sample order below
           (the same bits for any number of threads) */
        const activ_tensor_shape one = batch_shape(K, 1);
        const size_t m = K->copies;
        double *part = dp ? calloc(n * np, sizeof *part) : NULL;
        if (dp && !part) abort();
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
        for (size_t s = 0; s < n; s++)
            for (size_t j = 0; j < m; j++) {
                float *dxs = dx ? dx + s * CI : NULL, *t = j || !dx ? K->work + s * CI : dxs;
                activ_backward_shared(K->e, copy_params(K, j), &one, x + s * CI, dy + (s * m + j) * CI, t,
                                      part ? part + s * np : NULL);
                for (size_t i = 0; j && dx && i < CI; i++) dxs[i] += t[i];
            }
        if (!dp) return;
        for (size_t s = 0; s < n; s++)
            for (size_t i = 0; i < np; i++) dp[i] += part[s * np + i];
        free(part);
    } else {
        float *up = K->work, *t = K->work + K->cap * CI; /* copy j's dy, and its dx (apart: a periodic
                                                             parameter layout reads dy after writing dx) */
        for (size_t j = 0; j < K->copies; j++) {
            float *to = j == 0 && dx ? dx : t; /* the first copy's dx straight into dx */
            copy_rows(n, CI, dy + j * CI, K->copies * CI, up, CI);
            activ_backward_shared(K->e, copy_params(K, j), &sh, x, up, to, dp);
            if (to == dx || !dx) continue;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
            for (size_t i = 0; i < n * CI; i++) dx[i] += t[i];
        }
        if (!dp) return;
    }
    for (size_t s = 0; s < K->al->nshare; s++) dp[(size_t)K->branch * K->al->nshare + s] = 0; /* set, not learnt */
    for (size_t i = 0; i < np; i++) g[i] = (float)dp[i];
}

/* ---- maxout: the maximum of f over each group of k channels ------------------------- */

/* one sample: y over the groups; with the training buffers, the first arg-max and f' there */
NET_CLONES static void maxout_sample(const float *f, const float *d, float *y, int *arg, float *dv, size_t G, size_t k,
                                     size_t I)
{
    for (size_t g = 0; g < G; g++) {
        const float *fg = f + g * k * I;
        float *yg = y + g * I;
        int *ag = arg + g * I;
        for (size_t i = 0; i < I; i++) yg[i] = fg[i], ag[i] = 0;
        for (size_t j = 1; j < k; j++)
            for (size_t i = 0; i < I; i++) {
                const float v = fg[j * I + i];
                const int more = v > yg[i]; /* the first maximum wins ties, and a NaN in the lead stays */
                yg[i] = more ? v : yg[i], ag[i] = more ? (int)j : ag[i];
            }
        if (d)
            for (size_t i = 0; i < I; i++) dv[g * I + i] = d[(g * k + (size_t)ag[i]) * I + i];
    }
}

static void maxout_forward(act_kinds *K, const float *x, float *y, size_t n, int train)
{
    const size_t CI = K->C * K->I, G = K->out_c, k = K->C / G, GI = G * K->I;
    float *f = K->work, *d = train ? K->work + K->cap * CI : NULL;
    if (train) activ_forward_with_derivative(K->e, K->al->params, x, f, d, n * CI);
    else activ_forward(K->e, K->al->params, x, f, n * CI);
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++)
        maxout_sample(f + s * CI, d ? d + s * CI : NULL, y + s * GI, K->arg + s * GI, K->keep + s * GI, G, k, K->I);
}

static void maxout_backward(act_kinds *K, const float *dy, float *dx, size_t n)
{
    const size_t CI = K->C * K->I, G = K->out_c, k = K->C / G, I = K->I, GI = G * I;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        float *dxs = dx + s * CI;
        const int *ag = K->arg + s * GI;
        const float *dv = K->keep + s * GI, *up = dy + s * GI;
        memset(dxs, 0, CI * sizeof *dxs);
        for (size_t g = 0; g < G; g++)
            for (size_t i = 0; i < I; i++) dxs[(g * k + (size_t)ag[g * I + i]) * I + i] = up[g * I + i] * dv[g * I + i];
    }
}

/* ---- softmax and log-softmax over the channels at each pixel ------------------------ */

/* one sample: m = max over the channels (as the reference: NaN skipped), t = x - m */
NET_CLONES static void softmax_shift(const float *x, float *t, float *m, size_t C, size_t I)
{
    for (size_t i = 0; i < I; i++) m[i] = -INFINITY;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) m[i] = x[c * I + i] > m[i] ? x[c * I + i] : m[i];
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) t[c * I + i] = x[c * I + i] - m[i];
}

/* one sample, from ex = e^(x - m): y, and the probabilities p (NULL: not kept); sum is scratch */
NET_CLONES static void softmax_finish(const float *x, const float *ex, const float *m, double *sum, float *y, float *p,
                                      size_t C, size_t I, int log_form)
{
    for (size_t i = 0; i < I; i++) sum[i] = 0;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) sum[i] += ex[c * I + i];
    for (size_t i = 0; i < I; i++) sum[i] = 1 / sum[i];
    if (p)
        for (size_t c = 0; c < C; c++)
            for (size_t i = 0; i < I; i++) p[c * I + i] = (float)(ex[c * I + i] * sum[i]);
    if (!log_form) {
        for (size_t c = 0; c < C; c++)
            for (size_t i = 0; i < I; i++) y[c * I + i] = p ? p[c * I + i] : (float)(ex[c * I + i] * sum[i]);
        return;
    }
    for (size_t i = 0; i < I; i++) sum[i] = m[i] - log(sum[i]); /* the log-sum-exp */
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) y[c * I + i] = (float)(x[c * I + i] - sum[i]);
}

static void softmax_forward(act_kinds *K, const float *x, float *y, size_t n, int train)
{
    const size_t C = K->C, I = K->I, CI = C * I;
    float *ex = K->work, *m = K->work + K->cap * CI;
    const int log_form = K->e->kind == ACTIV_KIND_LOG_SOFTMAX;
    if (CI >= SAMPLE_CALL_MIN) {
        /* sample by sample, so that its e^(x - m) is still in cache for the sums (a whole-batch exp went to memory) */
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
        for (size_t s = 0; s < n; s++) {
            softmax_shift(x + s * CI, ex + s * CI, m + s * I, C, I);
            activ_forward(K->exp, NULL, ex + s * CI, ex + s * CI, CI);
            softmax_finish(x + s * CI, ex + s * CI, m + s * I, K->pix + s * K->pix_per, y + s * CI,
                           train ? K->keep + s * CI : NULL, C, I, log_form);
        }
        return;
    }
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) softmax_shift(x + s * CI, ex + s * CI, m + s * I, C, I);
    activ_forward(K->exp, NULL, ex, ex, n * CI);
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++)
        softmax_finish(x + s * CI, ex + s * CI, m + s * I, K->pix + s * K->pix_per, y + s * CI,
                       train ? K->keep + s * CI : NULL, C, I, log_form);
}

/* one sample: softmax dx = p (dy - <dy, p>); log-softmax dx = dy - p sum(dy) (acc: scratch) */
NET_CLONES static void softmax_grad(const float *p, const float *dy, float *dx, double *acc, size_t C, size_t I,
                                    int log_form)
{
    for (size_t i = 0; i < I; i++) acc[i] = 0;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) acc[i] += log_form ? (double)dy[c * I + i] : (double)dy[c * I + i] * p[c * I + i];
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) {
            const double u = dy[c * I + i], q = p[c * I + i];
            dx[c * I + i] = (float)(log_form ? u - q * acc[i] : q * (u - acc[i]));
        }
}

static void softmax_backward(act_kinds *K, const float *dy, float *dx, size_t n)
{
    const size_t CI = K->C * K->I;
    const int log_form = K->e->kind == ACTIV_KIND_LOG_SOFTMAX;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++)
        softmax_grad(K->keep + s * CI, dy + s * CI, dx + s * CI, K->pix + s * K->pix_per, K->C, K->I, log_form);
}

/* ---- sparsemax over the channels at each pixel -------------------------------------- */

/* sum and count of the x above tau at each pixel */
NET_CLONES static void above(const float *x, const double *tau, double *sum, double *cnt, size_t C, size_t I)
{
    for (size_t i = 0; i < I; i++) sum[i] = 0, cnt[i] = 0;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) {
            const double v = x[c * I + i];
            const int in = v > tau[i];
            sum[i] += in ? v : 0, cnt[i] += in;
        }
}

/* one sample: tau per pixel (Michelot: tau = (sum of the support - 1) / its size, the support being the x
   above the previous tau, from all channels until it stops changing; it only shrinks, so at most C rounds);
   p holds tau, sum, count, next sum, next count, I each */
static void sparsemax_tau(const float *x, double *p, size_t C, size_t I)
{
    double *tau = p, *sum = p + I, *cnt = p + 2 * I, *nsum = p + 3 * I, *ncnt = p + 4 * I;
    for (size_t i = 0; i < I; i++) tau[i] = -INFINITY;
    above(x, tau, sum, cnt, C, I);
    for (size_t i = 0; i < I; i++) tau[i] = (sum[i] - 1) / cnt[i];
    for (size_t round = 0; round <= C; round++) {
        above(x, tau, nsum, ncnt, C, I);
        int changed = 0;
        for (size_t i = 0; i < I; i++)
            if (ncnt[i] > 0 && (ncnt[i] != cnt[i] || nsum[i] != sum[i])) {
                sum[i] = nsum[i], cnt[i] = ncnt[i], tau[i] = (sum[i] - 1) / cnt[i];
                changed = 1;
            }
        if (!changed) break;
    }
}

NET_CLONES static void sparsemax_out(const float *x, const double *tau, float *y, size_t C, size_t I)
{
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) {
            const double v = x[c * I + i] - tau[i];
            y[c * I + i] = (float)(v > 0 ? v : 0);
        }
}

static void sparsemax_forward(act_kinds *K, const float *x, float *y, size_t n)
{
    const size_t CI = K->C * K->I;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++) {
        double *p = K->pix + s * K->pix_per;
        sparsemax_tau(x + s * CI, p, K->C, K->I);
        sparsemax_out(x + s * CI, p, y + s * CI, K->C, K->I);
    }
}

/* one sample: on the support dx = dy - mean of dy over it, 0 off it (p: tau kept, then scratch) */
NET_CLONES static void sparsemax_grad(const float *x, const float *dy, float *dx, double *p, size_t C, size_t I)
{
    const double *tau = p;
    double *mean = p + I, *cnt = p + 2 * I;
    for (size_t i = 0; i < I; i++) mean[i] = 0, cnt[i] = 0;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++) {
            const int in = x[c * I + i] > tau[i];
            mean[i] += in ? (double)dy[c * I + i] : 0, cnt[i] += in;
        }
    for (size_t i = 0; i < I; i++) mean[i] /= cnt[i] > 0 ? cnt[i] : 1;
    for (size_t c = 0; c < C; c++)
        for (size_t i = 0; i < I; i++)
            dx[c * I + i] = x[c * I + i] > tau[i] ? (float)(dy[c * I + i] - mean[i]) : 0.0f;
}

static void sparsemax_backward(act_kinds *K, const float *x, const float *dy, float *dx, size_t n)
{
    const size_t CI = K->C * K->I;
#pragma omp parallel for schedule(static) if (n * CI > PAR_MIN)
    for (size_t s = 0; s < n; s++)
        sparsemax_grad(x + s * CI, dy + s * CI, dx + s * CI, K->pix + s * K->pix_per, K->C, K->I);
}

/* ---- the entry points -------------------------------------------------------------- */

void act_kinds_forward(act_kinds *K, const float *x, float *y, size_t n, int train)
{
    if (act_kinds_reserve(K, n)) {
        fprintf(stderr, "act %s: out of memory for a batch of %zu\n", K->e->name, n);
        abort();
    }
    switch (K->e->kind) {
    case ACTIV_KIND_GATED: gated_forward(K, x, y, n, train); break;
    case ACTIV_KIND_PAIRED: paired_forward(K, x, y, n, train); break;
    case ACTIV_KIND_EXPANDING: expanding_forward(K, x, y, n); break;
    case ACTIV_KIND_MAXOUT: maxout_forward(K, x, y, n, train); break;
    case ACTIV_KIND_SOFTMAX:
    case ACTIV_KIND_LOG_SOFTMAX: softmax_forward(K, x, y, n, train); break;
    case ACTIV_KIND_SPARSEMAX: sparsemax_forward(K, x, y, n); break;
    default: break;
    }
}

void act_kinds_backward(act_kinds *K, const float *x, const float *dy, float *dx, size_t n, float *g)
{
    if (K->e->kind == ACTIV_KIND_EXPANDING) {
        expanding_backward(K, x, dy, dx, n, g);
        return;
    }
    if (!dx) return; /* no parameters to learn in the other kinds */
    switch (K->e->kind) {
    case ACTIV_KIND_GATED: gated_backward(K, x, dy, dx, n); break;
    case ACTIV_KIND_PAIRED: paired_backward(K, dy, dx, n); break;
    case ACTIV_KIND_MAXOUT: maxout_backward(K, dy, dx, n); break;
    case ACTIV_KIND_SOFTMAX:
    case ACTIV_KIND_LOG_SOFTMAX: softmax_backward(K, dy, dx, n); break;
    case ACTIV_KIND_SPARSEMAX: sparsemax_backward(K, x, dy, dx, n); break;
    default: break;
    }
}
