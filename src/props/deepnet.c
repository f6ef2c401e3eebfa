/*
 * A plain deep network at initialisation: depth layers of
 *     Z_l = H_{l-1} W_l^T,  H_l = f(Z_l)     (no biases, H_0 ~ N(0,1))
 * with W_l from the entry's default initialiser, and the loss
 * sum(H_L * R), R ~ N(0,1) fixed.  One forward and one backward pass give
 * the gradient flow (weight-gradient norms of the first and last layers,
 * units that receive no gradient) and the distribution after k layers.
 *
 * Elementwise and stochastic kinds (the latter at their expectation, as in
 * evaluation) run on the vector kernels; the other kinds on the layer API in
 * evaluation mode, with the linear layer sized so that the activation gives
 * back `width` channels (2 x width for gated, width / 2 for CReLU ...).
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activ/train.h"
#include "props_impl.h"

typedef struct net {
    const activ_entry *e;
    float pf[ACTIV_MAX_PARAMS];
    int elementwise;
    activ_layer layer; /* the other kinds */
    size_t L, B, W, C; /* depth, batch, width, linear outputs (activation inputs) */
    float **w;         /* L of C x W */
    float **h;         /* L + 1 of B x W (h[0] the input) */
    float **z;         /* L of B x C */
} net;

static void net_free(net *n)
{
    for (size_t l = 0; l < n->L; l++) {
        if (n->w) free(n->w[l]);
        if (n->z) free(n->z[l]);
    }
    for (size_t l = 0; n->h && l <= n->L; l++) free(n->h[l]);
    free(n->w), free(n->h), free(n->z);
    if (!n->elementwise) activ_layer_free(&n->layer);
}

/* The activation's input channels that give W outputs, or 0. */
static size_t fit_channels(const activ_entry *e, const double *p, size_t W, activ_layer *out)
{
    static const size_t mul[] = {1, 2, 3, 4, 5, 6, 7, 8};
    char err[256];
    for (int inv = 0; inv < 2; inv++)
        for (size_t i = 0; i < sizeof mul / sizeof *mul; i++) {
            if (inv && W % mul[i]) continue;
            size_t C = inv ? W / mul[i] : W * mul[i];
            activ_layer L;
            if (activ_layer_init(&L, e, p, ACTIV_SHARE_SCALAR, C, 1, err, sizeof err)) continue;
            if (activ_layer_out_channels(&L) == W) {
                *out = L;
                return C;
            }
            activ_layer_free(&L);
        }
    return 0;
}

static double init_std(const char *init, size_t fan_in, size_t fan_out)
{
    if (!strcmp(init, "lecun")) return sqrt(1.0 / (double)fan_in);
    if (!strcmp(init, "xavier")) return sqrt(2.0 / (double)(fan_in + fan_out));
    return sqrt(2.0 / (double)fan_in); /* he */
}

static int net_alloc(net *n, const activ_entry *e, const double *p, const activ_props_config *c, const char *init,
                     props_pool *pool, char *err, size_t errlen)
{
    memset(n, 0, sizeof *n);
    n->e = e;
    for (unsigned k = 0; k < e->nparams; k++) n->pf[k] = (float)p[k];
    n->elementwise = e->kind == ACTIV_KIND_ELEMENTWISE || e->kind == ACTIV_KIND_STOCHASTIC;
    n->L = (size_t)c->depth, n->B = (size_t)c->batch, n->W = (size_t)c->width;
    n->C = n->W;
    if (!n->elementwise && !(n->C = fit_channels(e, p, n->W, &n->layer))) {
        n->elementwise = 1; /* nothing to free */
        snprintf(err, errlen, "%s: no channel count gives %zu outputs", e->name, n->W);
        return 1;
    }
    n->w = calloc(n->L, sizeof *n->w);
    n->z = calloc(n->L, sizeof *n->z);
    n->h = calloc(n->L + 1, sizeof *n->h);
    if (!n->w || !n->z || !n->h) goto oom;
    /* the pool holds the input, then the weights layer after layer */
    size_t BW = n->B * n->W, CW = n->C * n->W;
    const float *g = props_pool_get(pool, BW + n->L * CW);
    if (!g) goto oom;
    float sd = (float)init_std(init, n->W, n->C);
    for (size_t l = 0; l <= n->L; l++) {
        if (!(n->h[l] = malloc(BW * sizeof(float)))) goto oom;
        if (l == n->L) break;
        if (!(n->w[l] = malloc(CW * sizeof(float))) || !(n->z[l] = malloc(n->B * n->C * sizeof(float)))) goto oom;
        for (size_t i = 0; i < CW; i++) n->w[l][i] = sd * g[BW + l * CW + i];
    }
    memcpy(n->h[0], g, BW * sizeof(float));
    return 0;
oom:
    snprintf(err, errlen, "out of memory for a %zu x %zu network", n->L, n->W);
    return -1;
}

static void act_forward(const net *n, const float *z, float *h)
{
    if (n->elementwise) activ_forward(n->e, n->pf, z, h, n->B * n->C);
    else activ_layer_forward(&n->layer, n->B, z, h);
}

static void act_backward(const net *n, const float *z, const float *dh, float *dz)
{
    if (n->elementwise) activ_backward(n->e, n->pf, z, dh, dz, n->B * n->C);
    else activ_layer_backward(&n->layer, n->B, z, dh, dz, NULL);
}

static void mean_var(const float *a, size_t len, double *mean, double *var)
{
    double s = 0, s2 = 0;
    for (size_t i = 0; i < len; i++) s += a[i];
    double m = s / (double)len;
    for (size_t i = 0; i < len; i++) s2 += (a[i] - m) * (a[i] - m);
    *mean = m;
    *var = s2 / (double)len;
}

static void forward(net *n, activ_measured *m)
{
    int ks[ACTIV_PROPS_MAX_K] = {1, 10, (int)n->L};
    m->nk = 0;
    for (int i = 0; i < ACTIV_PROPS_MAX_K; i++)
        if (ks[i] <= (int)n->L && (m->nk == 0 || ks[i] > m->k[m->nk - 1])) m->k[m->nk++] = ks[i];
    int selfnorm = 1;
    for (size_t l = 0; l < n->L; l++) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n->B, (int)n->C, (int)n->W, 1.0f, n->h[l],
                    (int)n->W, n->w[l], (int)n->W, 0.0f, n->z[l], (int)n->C);
        act_forward(n, n->z[l], n->h[l + 1]);
        double mu, var;
        mean_var(n->h[l + 1], n->B * n->W, &mu, &var);
        for (int i = 0; i < m->nk; i++)
            if ((int)l + 1 == m->k[i]) m->mean_k[i] = mu, m->var_k[i] = var;
        if (2 * (l + 1) >= n->L && !(fabs(mu) <= 0.1 && fabs(var - 1) <= 0.2)) selfnorm = 0;
    }
    m->self_normalising = selfnorm;
}

static double frob(const float *a, size_t len)
{
    double s = 0;
    for (size_t i = 0; i < len; i++) s += (double)a[i] * a[i];
    return sqrt(s);
}

/* |f'(z)| below this counts as saturated (as in normal.c: 1% of the largest |f'| on [-3, 3]) */
static double saturation_threshold(const activ_entry *e, const double *p)
{
    double dmax = 0;
    for (double z = -3; z <= 3; z += 1.0 / 512) dmax = fmax(dmax, fabs(activ_df64(e, z, p)));
    return 0.01 * dmax;
}

static int backward(net *n, const double *p, uint64_t seed, activ_measured *m)
{
    size_t BW = n->B * n->W, BC = n->B * n->C, CW = n->C * n->W;
    float *dh = malloc(BW * sizeof *dh), *dz = malloc(BC * sizeof *dz), *dw = malloc(CW * sizeof *dw);
    float *ones = n->elementwise ? malloc(BC * sizeof *ones) : NULL, *dact = n->elementwise ? malloc(BC * sizeof *dact) : NULL;
    int ok = dh && dz && dw && (!n->elementwise || (ones && dact));
    if (ok) {
        props_rng rng = {seed ^ 0x5851F42D4C957F2Dull}; /* the loss's weights R */
        for (size_t i = 0; i < BW; i++) dh[i] = (float)props_normal(&rng);
        for (size_t i = 0; ones && i < BC; i++) ones[i] = 1.0f;
        double thr = n->elementwise ? saturation_threshold(n->e, p) : 0;
        size_t dead = 0, sat = 0;
        double dz_last = 0;
        for (size_t l = n->L; l-- > 0;) {
            act_backward(n, n->z[l], dh, dz);
            if (n->elementwise) {
                activ_backward(n->e, n->pf, n->z[l], ones, dact, BC);
                for (size_t i = 0; i < BC; i++) sat += fabs(dact[i]) < thr || (thr == 0 && dact[i] == 0);
            }
            for (size_t j = 0; j < n->C; j++) {
                size_t b = 0;
                while (b < n->B && dz[b * n->C + j] == 0) b++;
                dead += b == n->B;
            }
            /* dW = dZ^T H_{l-1}; dH_{l-1} = dZ W */
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)n->C, (int)n->W, (int)n->B, 1.0f, dz, (int)n->C,
                        n->h[l], (int)n->W, 0.0f, dw, (int)n->W);
            double g = frob(dw, CW);
            if (l == n->L - 1) m->grad_last = g, dz_last = frob(dz, BC);
            if (l == 0) m->grad_first = g, m->backprop_ratio = frob(dz, BC) / dz_last;
            if (l > 0)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n->B, (int)n->W, (int)n->C, 1.0f, dz,
                            (int)n->C, n->w[l], (int)n->W, 0.0f, dh, (int)n->W);
        }
        m->dead_fraction = (double)dead / (double)(n->L * n->C);
        m->net_saturation = n->elementwise ? (double)sat / (double)(n->L * BC) : NAN;
        m->grad_ratio = m->grad_first / m->grad_last;
        m->grad_log10 = log10(m->grad_ratio);
    }
    free(dh), free(dz), free(dw), free(ones), free(dact);
    return ok ? 0 : -1;
}

int deepnet_measure(const activ_entry *e, const double *p, const activ_props_config *c, props_pool *pool,
                    activ_measured *m, char *err, size_t errlen)
{
    net n;
    int rc = net_alloc(&n, e, p, c, m->init, pool, err, errlen);
    if (rc == 0) {
        /* one thread: the numbers do not depend on the core count, and a busy
           machine does not stall the many short parallel regions */
        int blas_threads = openblas_get_num_threads(), act_threads = activ_threads();
        openblas_set_num_threads(1);
        activ_set_threads(1);
        forward(&n, m);
        if (backward(&n, p, c->seed, m)) {
            snprintf(err, errlen, "out of memory for the backward pass");
            rc = -1;
        }
        openblas_set_num_threads(blas_threads);
        activ_set_threads(act_threads);
    }
    if (rc > 0) snprintf(m->note, sizeof m->note, "%s", err); /* not applicable, not an error */
    m->net_ok = rc == 0;
    net_free(&n);
    return rc < 0 ? -1 : 0;
}
