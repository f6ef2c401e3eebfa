/*
 * The activation layer: any catalog entry on a C x H x W tensor.
 *
 * Elementwise entries run the vector kernels (activ_forward_shared and
 * activ_backward_shared: forward, backward from the input, and the
 * parameter gradients summed in double), and so do stochastic entries
 * (their draws made in the kernel loop) and data-dependent ones (their
 * means taken here).  Gated, paired, expanding, maxout and the softmax
 * family have their own fast paths (act_kinds.c).  What is left (per-unit
 * sharing of stochastic and data-dependent entries, kinds with parameters
 * the fast paths do not take) goes through activ_layer, the reference.
 * Trainable parameters are learned per layer, per channel or per unit
 * (share), and clamped to the entry's range after each update.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/act_kinds.h"
#include "net/net.h"

typedef struct act_cfg {
    activ_layer al;
    double *dp;   /* parameter gradients in double, nparams * nshare */
    float *g;     /* ... in float, for the optimiser */
    float *deriv; /* f'(x) kept by a training forward (elementwise, no trainable parameters) */
    int data;     /* a data-dependent entry's statistic parameter (its mean over a slot), or -1 */
    float *pdata; /* the parameters with that statistic (or the random one's expectation) filled in */
    size_t cap;   /* samples deriv holds */
    int fused;    /* this layer keeps f'(x) instead of recomputing it in the backward */
    int random;   /* a stochastic entry's random parameter, on the vector kernels, or -1 */
    int drew;     /* the last forward drew (training): the backward meets the same draws */
    act_kinds *kinds; /* the fast path of a gated, paired, expanding, maxout or softmax-family kind (act_kinds.c) */
} act_cfg;

static activ_tensor_shape act_shape(const net_layer *L, const act_cfg *ac, size_t n)
{
    return (activ_tensor_shape){.batch = n, .channels = (size_t)L->in_c, .inner = (size_t)L->in_h * L->in_w,
                                .layout = ACTIV_LAYOUT_NCHW, .share = ac->al.share};
}

/*
 * A data-dependent entry (ABReLU) on the vector kernels: its parameter is
 * the mean of x over its slot (the whole tensor, or a channel), so
 *   forward   beta_s = mean of x over slot s;  y = f(x; beta)
 *   backward  dx = dy f'(x) + (1/N_s) sum_slot dy df/dbeta   (the mean's own gradient)
 * The forward leaves the means in pdata for the backward that follows it.
 */
/* elements per slot: the whole batch's tensor, or one channel of it */
static size_t slot_size(const net_layer *L, const act_cfg *ac, size_t n)
{
    return n * (size_t)L->in_h * L->in_w * (ac->al.nshare == 1 ? (size_t)L->in_c : 1);
}

static void fill_means(net_layer *L, act_cfg *ac, const float *x, size_t n)
{
    const size_t C = (size_t)L->in_c, I = (size_t)L->in_h * L->in_w, S = ac->al.nshare;
    memcpy(ac->pdata, ac->al.params, ac->al.entry->nparams * S * sizeof *ac->pdata);
    for (size_t s = 0; s < S; s++) {
        double sum = 0;
        for (size_t b = 0; b < n; b++)
            for (size_t c = S == 1 ? 0 : s; c < (S == 1 ? C : s + 1); c++)
                for (size_t i = 0; i < I; i++) sum += x[(b * C + c) * I + i];
        ac->pdata[(size_t)ac->data * S + s] = (float)(sum / (double)slot_size(L, ac, n));
    }
}

/*
 * A stochastic entry on the vector kernels: in training its random
 * parameter is drawn per element from (seed, step, position), so the
 * backward recomputes the forward's draws (activ_forward_drawn); in
 * evaluation it is its expectation, filled into pdata.
 */
static const float *expected_params(act_cfg *ac)
{
    const activ_entry *e = ac->al.entry;
    const size_t S = ac->al.nshare;
    for (size_t s = 0; s < S; s++) {
        double p[ACTIV_MAX_PARAMS];
        for (unsigned k = 0; k < e->nparams; k++) p[k] = ac->pdata[k * S + s] = ac->al.params[k * S + s];
        ac->pdata[(size_t)ac->random * S + s] = (float)e->expect(p);
    }
    return ac->pdata;
}

static void stochastic_forward(net_layer *L, act_cfg *ac, const float *x, float *y, size_t n, int train)
{
    activ_tensor_shape s = act_shape(L, ac, n);
    ac->drew = train;
    if (!train) {
        activ_forward_shared(ac->al.entry, expected_params(ac), &s, x, y);
        return;
    }
    L->step++; /* fresh draws per step; the backward reuses them */
    activ_forward_drawn(ac->al.entry, ac->al.params, &s, L->seed, L->step, x, y, ac->fused ? ac->deriv : NULL);
}

static void stochastic_backward(net_layer *L, act_cfg *ac, const float *x, const float *dy, float *dx, size_t n)
{
    activ_tensor_shape s = act_shape(L, ac, n);
    const size_t nall = ac->al.entry->nparams * ac->al.nshare;
    double *dp = L->nparams ? ac->dp : NULL;
    if (!dx && !dp) return;
    if (dp) memset(dp, 0, nall * sizeof *dp);
    if (ac->drew) activ_backward_drawn(ac->al.entry, ac->al.params, &s, L->seed, L->step, x, dy, dx, dp);
    else activ_backward_shared(ac->al.entry, expected_params(ac), &s, x, dy, dx, dp);
    for (size_t i = 0; i < nall && dp; i++) ac->g[i] = (float)dp[i];
}

static void act_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    act_cfg *ac = L->priv;
    if (ac->random >= 0) {
        /* without trainable parameters its training forward keeps f' (draws included), as fused below */
        stochastic_forward(L, ac, x, y, n, train);
        return;
    }
    if (ac->data >= 0) {
        activ_tensor_shape s = act_shape(L, ac, n);
        fill_means(L, ac, x, n);
        activ_forward_shared(ac->al.entry, ac->pdata, &s, x, y);
        return;
    }
    if (ac->fused && train) {
        /* f and f' share their costly part (an exp, an erfc): one pass now, a multiply in the backward */
        activ_forward_with_derivative(ac->al.entry, ac->al.params, x, y, ac->deriv, n * L->in_dim);
        return;
    }
    if (ac->al.entry->kind == ACTIV_KIND_ELEMENTWISE) {
        activ_tensor_shape s = act_shape(L, ac, n);
        activ_forward_shared(ac->al.entry, ac->al.params, &s, x, y);
        return;
    }
    if (ac->kinds) {
        act_kinds_forward(ac->kinds, x, y, n, train);
        return;
    }
    ac->al.mode = train ? ACTIV_MODE_TRAIN : ACTIV_MODE_EVAL;
    if (train) L->step++; /* fresh draws per step; the backward reuses them */
    ac->al.seed = L->seed, ac->al.step = L->step;
    activ_layer_forward(&ac->al, n, x, y);
}

static void act_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)y;
    act_cfg *ac = L->priv;
    const activ_entry *e = ac->al.entry;
    const size_t nall = e->nparams * ac->al.nshare;
    if (ac->random >= 0 && !(ac->fused && ac->drew)) {
        stochastic_backward(L, ac, x, dy, dx, n);
        return;
    }
    if (ac->data >= 0) {
        activ_tensor_shape s = act_shape(L, ac, n);
        const size_t C = (size_t)L->in_c, I = (size_t)L->in_h * L->in_w, S = ac->al.nshare;
        const double count = (double)slot_size(L, ac, n); /* the forward left the means in pdata */
        memset(ac->dp, 0, nall * sizeof *ac->dp);
        activ_backward_shared(e, ac->pdata, &s, x, dy, dx, ac->dp);
        for (size_t b = 0; b < n && dx; b++)
            for (size_t c = 0; c < C; c++) {
                const float spread = (float)(ac->dp[(size_t)ac->data * S + (S == 1 ? 0 : c)] / count);
                for (size_t i = 0; i < I; i++) dx[(b * C + c) * I + i] += spread;
            }
        for (size_t i = 0; i < nall && L->nparams; i++) ac->g[i] = (float)ac->dp[i];
        return;
    }
    if (ac->fused) {
        if (!dx) return;
        const size_t m = n * L->in_dim;
        const float *dv = ac->deriv;
#pragma omp parallel for schedule(static) if (m > 65536)
        for (size_t i = 0; i < m; i++) dx[i] = dy[i] * dv[i];
        return;
    }
    if (e->kind == ACTIV_KIND_ELEMENTWISE) {
        activ_tensor_shape s = act_shape(L, ac, n);
        if (nall) memset(ac->dp, 0, nall * sizeof *ac->dp);
        if (dx || L->nparams)
            activ_backward_shared(e, ac->al.params, &s, x, dy, dx ? dx : NULL, L->nparams ? ac->dp : NULL);
        for (size_t i = 0; i < nall && L->nparams; i++) ac->g[i] = (float)ac->dp[i];
        return;
    }
    if (ac->kinds) {
        act_kinds_backward(ac->kinds, x, dy, dx, n, L->nparams ? ac->g : NULL);
        return;
    }
    if (nall) memset(ac->g, 0, nall * sizeof *ac->g);
    activ_layer_backward(&ac->al, n, x, dy, dx, L->nparams ? ac->g : NULL);
}

static int act_reserve(net_layer *L, size_t batch)
{
    act_cfg *ac = L->priv;
    if (ac->kinds) return act_kinds_reserve(ac->kinds, batch);
    if (!ac->fused || batch <= ac->cap) return 0;
    free(ac->deriv);
    ac->deriv = malloc(batch * L->in_dim * sizeof *ac->deriv);
    ac->cap = ac->deriv ? batch : 0;
    return ac->deriv ? 0 : -1;
}

static void act_release(net_layer *L)
{
    act_cfg *ac = L->priv;
    activ_layer_free(&ac->al);
    act_kinds_free(ac->kinds), ac->kinds = NULL;
    free(ac->dp), free(ac->g), free(ac->deriv), free(ac->pdata);
    ac->dp = NULL, ac->g = NULL, ac->deriv = NULL, ac->pdata = NULL, ac->cap = 0;
}

static const net_layer_ops act_ops = {"act", act_forward, act_backward, act_reserve, act_release};

int net_act_init(net_layer *L, const char *spec, unsigned share, char *err, size_t errlen)
{
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    if (activ_parse_spec(spec, &e, p, err, errlen)) return -1;
    act_cfg *ac = calloc(1, sizeof *ac);
    if (!ac) {
        snprintf(err, errlen, "act %s: out of memory", spec);
        return -1;
    }
    unsigned trainable = 0;
    for (unsigned k = 0; k < e->nparams; k++) trainable |= e->params[k].flags & ACTIV_P_TRAINABLE;
    if (activ_layer_init(&ac->al, e, p, trainable ? share : ACTIV_SHARE_SCALAR, (size_t)L->in_c,
                         (size_t)L->in_h * L->in_w, err, errlen)) {
        free(ac);
        return -1;
    }
    const size_t nall = e->nparams * ac->al.nshare;
    ac->dp = calloc(nall ? nall : 1, sizeof *ac->dp);
    ac->g = calloc(nall ? nall : 1, sizeof *ac->g);
    L->ops = &act_ops, L->priv = ac;
    if (!ac->dp || !ac->g) {
        act_release(L);
        snprintf(err, errlen, "act %s: out of memory", spec);
        return -1;
    }
    L->out_c = (int)activ_layer_out_channels(&ac->al), L->out_h = L->in_h, L->out_w = L->in_w;
    L->out_dim = (size_t)L->out_c * L->out_h * L->out_w;
    for (unsigned k = 0; k < e->nparams; k++)
        if (e->params[k].flags & ACTIV_P_TRAINABLE)
            L->params[L->nparams++] = (net_param){.v = ac->al.params + k * ac->al.nshare,
                                                  .g = ac->g + k * ac->al.nshare,
                                                  .n = ac->al.nshare,
                                                  .act = 1,
                                                  .def = &e->params[k]};
    ac->random = -1;
    if (e->kind == ACTIV_KIND_STOCHASTIC && ac->al.share != ACTIV_SHARE_UNIT)
        for (unsigned k = 0; k < e->nparams; k++)
            if (e->params[k].flags & ACTIV_P_RANDOM) ac->random = (int)k;
    ac->fused = (e->kind == ACTIV_KIND_ELEMENTWISE || ac->random >= 0) && L->nparams == 0;
    /* a data-dependent entry whose only random-free statistic is a mean runs on the vector kernels */
    ac->data = -1;
    if (e->kind == ACTIV_KIND_DATA_DEPENDENT && ac->al.share != ACTIV_SHARE_UNIT)
        for (unsigned k = 0; k < e->nparams; k++)
            if (e->params[k].flags & ACTIV_P_DATA) ac->data = (int)k;
    if (((ac->data >= 0 || ac->random >= 0) && !(ac->pdata = malloc(nall * sizeof *ac->pdata))) ||
        act_kinds_new(&ac->kinds, &ac->al)) {
        act_release(L);
        snprintf(err, errlen, "act %s: out of memory", spec);
        return -1;
    }
    snprintf(L->desc, sizeof L->desc, "act %s%s", spec,
             ac->al.share == ACTIV_SHARE_CHANNEL ? " (per channel)" : ac->al.share == ACTIV_SHARE_UNIT ? " (per unit)" : "");
    return 0;
}
