/*
 * Every kind of catalog entry as a layer over [batch][channels][inner]
 * float tensors: forward and backward side by side, per kind.
 *
 * Reference code: one scalar call per element, in double.  The vector
 * kernels replace the elementwise paths where speed matters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"
#include "draw.h"

/* ---- random draws (stochastic kinds): src/kernels/draw.h, in double ---- */

static void draw_uz(const activ_layer *L, size_t index, double *u, double *z)
{
    uint32_t key[3];
    activ_draw_keys(L->seed, L->step, key);
    activ_draw_uz64(key, index, u, z);
}

/* ---- set-up ------------------------------------------------------------- */

static int random_index(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_RANDOM) return (int)k;
    return -1;
}

static int data_index(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_DATA) return (int)k;
    return -1;
}

static int branch_index(const activ_entry *e)
{
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_BRANCH) return (int)k;
    return -1;
}

/* expanding kinds: one output copy per branch value 0..max */
static size_t copies(const activ_entry *e)
{
    int b = branch_index(e);
    return b < 0 ? 1 : (size_t)e->params[b].max + 1;
}

static unsigned maxout_k(const activ_layer *L)
{
    int k = activ_param_index(L->entry, "k");
    return k < 0 ? 2 : (unsigned)L->params[(size_t)k * L->nshare];
}

/* channels that carry parameters: gated and paired kinds index by output channel */
static size_t param_channels(const activ_layer *L)
{
    activ_kind k = L->entry->kind;
    return (k == ACTIV_KIND_GATED || k == ACTIV_KIND_PAIRED) ? L->channels / 2 : L->channels;
}

int activ_layer_init(activ_layer *L, const activ_entry *e, const double *p, unsigned share, size_t channels,
                     size_t inner, char *err, size_t errlen)
{
    memset(L, 0, sizeof *L);
    if (!share) share = ACTIV_SHARE_SCALAR;
    if (share != ACTIV_SHARE_SCALAR && share != ACTIV_SHARE_CHANNEL && share != ACTIV_SHARE_UNIT) {
        snprintf(err, errlen, "%s: sharing must be one of scalar, channel or unit", e->name);
        return -1;
    }
    for (unsigned k = 0; k < e->nparams; k++) {
        unsigned allowed = e->params[k].share ? e->params[k].share : ACTIV_SHARE_SCALAR;
        if ((e->params[k].flags & (ACTIV_P_TRAINABLE | ACTIV_P_DATA)) && !(allowed & share)) {
            snprintf(err, errlen, "%s: parameter '%s' cannot be shared per %s", e->name, e->params[k].name,
                     share == ACTIV_SHARE_CHANNEL ? "channel" : share == ACTIV_SHARE_UNIT ? "unit" : "layer");
            return -1;
        }
    }
    if (channels == 0 || inner == 0) {
        snprintf(err, errlen, "%s: empty tensor shape", e->name);
        return -1;
    }
    double d[ACTIV_MAX_PARAMS];
    if (!p) {
        activ_defaults(e, d);
        p = d;
    }
    L->entry = e;
    L->share = share;
    L->channels = channels;
    L->inner = inner;
    if ((e->kind == ACTIV_KIND_GATED || e->kind == ACTIV_KIND_PAIRED) && channels % 2) {
        snprintf(err, errlen, "%s splits the channels in halves: %zu channels is odd", e->name, channels);
        return -1;
    }
    size_t pc = param_channels(L);
    L->nshare = share == ACTIV_SHARE_SCALAR ? 1 : share == ACTIV_SHARE_CHANNEL ? pc : pc * inner;
    if (e->nparams) {
        L->params = malloc(e->nparams * L->nshare * sizeof *L->params);
        if (!L->params) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (unsigned k = 0; k < e->nparams; k++)
            for (size_t s = 0; s < L->nshare; s++) L->params[k * L->nshare + s] = (float)p[k];
    }
    if (e->kind == ACTIV_KIND_MAXOUT) {
        unsigned k = maxout_k(L);
        if (k < 1 || channels % k) {
            snprintf(err, errlen, "maxout: %zu channels do not split into groups of k = %u", channels, k);
            free(L->params);
            L->params = NULL;
            return -1;
        }
    }
    return 0;
}

void activ_layer_free(activ_layer *L)
{
    free(L->params);
    L->params = NULL;
}

size_t activ_layer_out_channels(const activ_layer *L)
{
    switch (L->entry->kind) {
    case ACTIV_KIND_GATED:
    case ACTIV_KIND_PAIRED: return L->channels / 2;
    case ACTIV_KIND_EXPANDING: return L->channels * copies(L->entry);
    case ACTIV_KIND_MAXOUT: return L->channels / maxout_k(L);
    default: return L->channels;
    }
}

/* ---- per-element parameters ----------------------------------------------- */

static size_t slot(const activ_layer *L, size_t c, size_t i)
{
    return L->share == ACTIV_SHARE_SCALAR ? 0 : L->share == ACTIV_SHARE_CHANNEL ? c : c * L->inner + i;
}

static void load_params(const activ_layer *L, size_t s, double *p)
{
    for (unsigned k = 0; k < L->entry->nparams; k++) p[k] = L->params[k * L->nshare + s];
}

/* The data statistic (mean) for the slot of element (c, i): over the whole tensor or per channel. */
static void data_means(const activ_layer *L, size_t batch, const float *x, double *means)
{
    size_t C = L->channels, I = L->inner;
    size_t nslot = L->nshare;
    double *cnt = calloc(nslot, sizeof *cnt);
    for (size_t s = 0; s < nslot; s++) means[s] = 0;
    for (size_t n = 0; n < batch; n++)
        for (size_t c = 0; c < C; c++)
            for (size_t i = 0; i < I; i++) {
                size_t s = slot(L, c, i);
                means[s] += x[(n * C + c) * I + i];
                if (cnt) cnt[s] += 1;
            }
    for (size_t s = 0; s < nslot; s++) means[s] /= cnt && cnt[s] > 0 ? cnt[s] : 1;
    free(cnt);
}

/* Parameters of element (n, c, i) of an elementwise-family layer (random and data ones filled in). */
static void element_params(const activ_layer *L, size_t index, size_t c, size_t i, const double *means, double *p)
{
    const activ_entry *e = L->entry;
    size_t s = slot(L, c, i);
    load_params(L, s, p);
    int r = random_index(e);
    if (r >= 0) {
        if (L->mode == ACTIV_MODE_TRAIN) {
            double u, z;
            draw_uz(L, index, &u, &z);
            p[r] = e->draw(p, u, z);
        } else {
            p[r] = e->expect(p);
        }
    }
    int d = data_index(e);
    if (d >= 0 && means) p[d] = means[s];
}

/* Sparsemax's threshold tau (Martins & Astudillo 2016): with z sorted in
   decreasing order, k = max{k : 1 + k z_k > sum_{j<=k} z_j} and
   tau = (sum_{j<=k} z_j - 1) / k.  Sorts z in place. */
static int by_decreasing(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}
static double sparsemax_threshold(double *z, size_t C)
{
    qsort(z, C, sizeof *z, by_decreasing);
    double cum = 0, tau = z[0] - 1;
    for (size_t k = 1; k <= C; k++) {
        cum += z[k - 1];
        if (1 + (double)k * z[k - 1] > cum) tau = (cum - 1) / (double)k;
    }
    return tau;
}

/* ---- forward ----------------------------------------------------------------- */

void activ_layer_forward(const activ_layer *L, size_t batch, const float *x, float *y)
{
    const activ_entry *e = L->entry;
    size_t C = L->channels, I = L->inner;
    double p[ACTIV_MAX_PARAMS];
    double *means = NULL;
    if (e->kind == ACTIV_KIND_DATA_DEPENDENT) {
        means = malloc(L->nshare * sizeof *means);
        if (!means) abort();
        data_means(L, batch, x, means);
    }
    switch (e->kind) {
    case ACTIV_KIND_ELEMENTWISE:
    case ACTIV_KIND_STOCHASTIC:
    case ACTIV_KIND_DATA_DEPENDENT:
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < C; c++)
                for (size_t i = 0; i < I; i++) {
                    size_t at = (n * C + c) * I + i;
                    element_params(L, at, c, i, means, p);
                    y[at] = (float)activ_f64(e, x[at], p);
                }
        break;
    case ACTIV_KIND_GATED:
    case ACTIV_KIND_PAIRED: {
        size_t H = C / 2;
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < H; c++)
                for (size_t i = 0; i < I; i++) {
                    double a = x[(n * C + c) * I + i], b = x[(n * C + c + H) * I + i];
                    load_params(L, slot(L, c, i), p);
                    y[(n * H + c) * I + i] = (float)(e->kind == ACTIV_KIND_GATED ? a * activ_f64(e, b, p)
                                                                                 : activ_f64(e, a, p) - activ_f64(e, b, p));
                }
        break;
    }
    case ACTIV_KIND_EXPANDING: {
        size_t m = copies(e);
        int b = branch_index(e);
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < C; c++)
                for (size_t i = 0; i < I; i++) {
                    double v = x[(n * C + c) * I + i];
                    load_params(L, slot(L, c, i), p);
                    for (size_t j = 0; j < m; j++) {
                        if (b >= 0) p[b] = (double)j;
                        y[((n * m + j) * C + c) * I + i] = (float)activ_f64(e, v, p);
                    }
                }
        break;
    }
    case ACTIV_KIND_MAXOUT: {
        size_t k = maxout_k(L), G = C / k;
        for (size_t n = 0; n < batch; n++)
            for (size_t g = 0; g < G; g++)
                for (size_t i = 0; i < I; i++) {
                    double best = -INFINITY;
                    for (size_t j = 0; j < k; j++) {
                        size_t c = g * k + j;
                        load_params(L, slot(L, c, i), p);
                        double v = activ_f64(e, x[(n * C + c) * I + i], p);
                        if (v > best || j == 0) best = v;
                    }
                    y[(n * G + g) * I + i] = (float)best;
                }
        break;
    }
    case ACTIV_KIND_SOFTMAX:
    case ACTIV_KIND_LOG_SOFTMAX:
        for (size_t n = 0; n < batch; n++)
            for (size_t i = 0; i < I; i++) {
                double m = -INFINITY, sum = 0;
                for (size_t c = 0; c < C; c++)
                    if (x[(n * C + c) * I + i] > m) m = x[(n * C + c) * I + i];
                for (size_t c = 0; c < C; c++) sum += exp(x[(n * C + c) * I + i] - m);
                double lse = m + log(sum);
                for (size_t c = 0; c < C; c++) {
                    double v = x[(n * C + c) * I + i];
                    y[(n * C + c) * I + i] = (float)(e->kind == ACTIV_KIND_SOFTMAX ? exp(v - lse) : v - lse);
                }
            }
        break;
    case ACTIV_KIND_SPARSEMAX: {
        double *z = malloc(C * sizeof *z);
        if (!z) abort();
        for (size_t n = 0; n < batch; n++)
            for (size_t i = 0; i < I; i++) {
                for (size_t c = 0; c < C; c++) z[c] = x[(n * C + c) * I + i];
                double tau = sparsemax_threshold(z, C);
                for (size_t c = 0; c < C; c++) {
                    double v = x[(n * C + c) * I + i] - tau;
                    y[(n * C + c) * I + i] = (float)(v > 0 ? v : 0);
                }
            }
        free(z);
        break;
    }
    default: break;
    }
    free(means);
}

/* ---- backward ------------------------------------------------------------------ */

static void add_dparams(const activ_layer *L, float *dparams, size_t s, double scale, const double *g)
{
    if (!dparams) return;
    for (unsigned k = 0; k < L->entry->nparams; k++) dparams[k * L->nshare + s] += (float)(scale * g[k]);
}

void activ_layer_backward(const activ_layer *L, size_t batch, const float *x, const float *dy, float *dx,
                          float *dparams)
{
    const activ_entry *e = L->entry;
    size_t C = L->channels, I = L->inner;
    double p[ACTIV_MAX_PARAMS], g[ACTIV_MAX_PARAMS];
    switch (e->kind) {
    case ACTIV_KIND_ELEMENTWISE:
    case ACTIV_KIND_STOCHASTIC:
    case ACTIV_KIND_DATA_DEPENDENT: {
        double *means = NULL, *dmean = NULL;
        double *cnt = NULL;
        int d = data_index(e);
        if (d >= 0) {
            means = malloc(L->nshare * sizeof *means);
            dmean = calloc(L->nshare, sizeof *dmean);
            cnt = calloc(L->nshare, sizeof *cnt);
            if (!means || !dmean || !cnt) abort();
            data_means(L, batch, x, means);
        }
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < C; c++)
                for (size_t i = 0; i < I; i++) {
                    size_t at = (n * C + c) * I + i, s = slot(L, c, i);
                    element_params(L, at, c, i, means, p);
                    double up = dy[at];
                    double v = x[at];
                    dx[at] = (float)(up * activ_df64(e, v, p));
                    if (e->nparams) {
                        activ_dp64(e, v, p, g);
                        if (d >= 0) {
                            dmean[s] += up * g[d]; /* dL/dbeta, spread over the slot below */
                            cnt[s] += 1;
                            g[d] = 0; /* a statistic, not a parameter: no gradient of its own */
                        }
                        int r = random_index(e);
                        if (r >= 0) g[r] = 0;
                        add_dparams(L, dparams, s, up, g);
                    }
                }
        if (d >= 0) {
            /* beta = mean of x over the slot, so each x_j also gets dL/dbeta / N */
            for (size_t n = 0; n < batch; n++)
                for (size_t c = 0; c < C; c++)
                    for (size_t i = 0; i < I; i++) {
                        size_t s = slot(L, c, i);
                        dx[(n * C + c) * I + i] += (float)(dmean[s] / cnt[s]);
                    }
        }
        free(means), free(dmean), free(cnt);
        break;
    }
    case ACTIV_KIND_GATED:
    case ACTIV_KIND_PAIRED: {
        size_t H = C / 2;
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < H; c++)
                for (size_t i = 0; i < I; i++) {
                    size_t ia = (n * C + c) * I + i, ib = (n * C + c + H) * I + i, s = slot(L, c, i);
                    double a = x[ia], b = x[ib], up = dy[(n * H + c) * I + i];
                    load_params(L, s, p);
                    if (e->kind == ACTIV_KIND_GATED) {
                        dx[ia] = (float)(up * activ_f64(e, b, p));
                        dx[ib] = (float)(up * a * activ_df64(e, b, p));
                        if (e->nparams) {
                            activ_dp64(e, b, p, g);
                            add_dparams(L, dparams, s, up * a, g);
                        }
                    } else {
                        dx[ia] = (float)(up * activ_df64(e, a, p));
                        dx[ib] = (float)(-up * activ_df64(e, b, p));
                        if (e->nparams) {
                            double ga[ACTIV_MAX_PARAMS];
                            activ_dp64(e, a, p, ga);
                            activ_dp64(e, b, p, g);
                            for (unsigned k = 0; k < e->nparams; k++) ga[k] -= g[k];
                            add_dparams(L, dparams, s, up, ga);
                        }
                    }
                }
        break;
    }
    case ACTIV_KIND_EXPANDING: {
        size_t m = copies(e);
        int b = branch_index(e);
        for (size_t n = 0; n < batch; n++)
            for (size_t c = 0; c < C; c++)
                for (size_t i = 0; i < I; i++) {
                    size_t at = (n * C + c) * I + i, s = slot(L, c, i);
                    double v = x[at], sum = 0;
                    load_params(L, s, p);
                    for (size_t j = 0; j < m; j++) {
                        double up = dy[((n * m + j) * C + c) * I + i];
                        if (b >= 0) p[b] = (double)j;
                        sum += up * activ_df64(e, v, p);
                        if (e->nparams) {
                            activ_dp64(e, v, p, g);
                            if (b >= 0) g[b] = 0;
                            add_dparams(L, dparams, s, up, g);
                        }
                    }
                    dx[at] = (float)sum;
                }
        break;
    }
    case ACTIV_KIND_MAXOUT: {
        size_t k = maxout_k(L), G = C / k;
        for (size_t n = 0; n < batch; n++)
            for (size_t g0 = 0; g0 < G; g0++)
                for (size_t i = 0; i < I; i++) {
                    /* the gradient goes to the first arg-max, as in the forward */
                    double best = -INFINITY;
                    size_t arg = g0 * k;
                    for (size_t j = 0; j < k; j++) {
                        size_t c = g0 * k + j;
                        load_params(L, slot(L, c, i), p);
                        double v = activ_f64(e, x[(n * C + c) * I + i], p);
                        if (v > best || j == 0) best = v, arg = c;
                        dx[(n * C + c) * I + i] = 0;
                    }
                    load_params(L, slot(L, arg, i), p);
                    size_t at = (n * C + arg) * I + i;
                    dx[at] = (float)(dy[(n * G + g0) * I + i] * activ_df64(e, x[at], p));
                }
        break;
    }
    case ACTIV_KIND_SOFTMAX:
    case ACTIV_KIND_LOG_SOFTMAX:
        /* softmax: dx = s (dy - <dy, s>); log-softmax: dx = dy - s sum(dy) */
        for (size_t n = 0; n < batch; n++)
            for (size_t i = 0; i < I; i++) {
                double m = -INFINITY, sum = 0, dot = 0, total = 0;
                for (size_t c = 0; c < C; c++)
                    if (x[(n * C + c) * I + i] > m) m = x[(n * C + c) * I + i];
                for (size_t c = 0; c < C; c++) sum += exp(x[(n * C + c) * I + i] - m);
                for (size_t c = 0; c < C; c++) {
                    size_t at = (n * C + c) * I + i;
                    dot += dy[at] * exp(x[at] - m) / sum;
                    total += dy[at];
                }
                for (size_t c = 0; c < C; c++) {
                    size_t at = (n * C + c) * I + i;
                    double sm = exp(x[at] - m) / sum;
                    dx[at] = (float)(e->kind == ACTIV_KIND_SOFTMAX ? sm * (dy[at] - dot) : dy[at] - sm * total);
                }
            }
        break;
    case ACTIV_KIND_SPARSEMAX: {
        /* on the support S: dx = dy - mean_S(dy); off it: 0 */
        double *z = malloc(C * sizeof *z);
        if (!z) abort();
        for (size_t n = 0; n < batch; n++)
            for (size_t i = 0; i < I; i++) {
                for (size_t c = 0; c < C; c++) z[c] = x[(n * C + c) * I + i];
                double tau = sparsemax_threshold(z, C), mean = 0;
                size_t k = 0;
                for (size_t c = 0; c < C; c++)
                    if (x[(n * C + c) * I + i] > tau) mean += dy[(n * C + c) * I + i], k++;
                mean /= k ? (double)k : 1;
                for (size_t c = 0; c < C; c++) {
                    size_t at = (n * C + c) * I + i;
                    dx[at] = (float)(x[at] > tau ? dy[at] - mean : 0);
                }
            }
        free(z);
        break;
    }
    default: break;
    }
}
