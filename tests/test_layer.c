/*
 * Every entry as a layer (tests/layer.NAME): the backward pass against
 * finite differences of the forward, for the input and for the parameters,
 * in every sharing mode the entry allows, in training and evaluation mode.
 * The loss is L = sum(w * y) with fixed random weights w.  Stochastic
 * layers must give the same draws for the same (seed, step) and different
 * ones for another step.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

static const activ_entry *E;
static long failures, checked, skipped;

static double loss(const activ_layer *L, size_t batch, const float *x, const float *w)
{
    size_t n = batch * activ_layer_out_channels(L) * L->inner;
    float *y = malloc(n * sizeof *y);
    activ_layer_forward(L, batch, x, y);
    double s = 0;
    for (size_t i = 0; i < n; i++) s += (double)w[i] * y[i];
    free(y);
    return s;
}

/* d loss / d v by differences, or NAN near a kink (the two sides disagree). */
static double numeric(const activ_layer *L, size_t batch, float *x, const float *w, float *v)
{
    float v0 = *v;
    float h = 1e-2f * (fabsf(v0) > 1 ? fabsf(v0) : 1);
    double l0 = loss(L, batch, x, w);
    *v = v0 + h;
    double hp = (double)*v - v0, lp = loss(L, batch, x, w);
    *v = v0 - h;
    double hm = v0 - (double)*v, lm = loss(L, batch, x, w);
    *v = v0;
    double right = (lp - l0) / hp, left = (l0 - lm) / hm;
    if (fabs(right - left) > 0.05 * (1 + fabs(right) + fabs(left))) return NAN;
    return (lp - lm) / (hp + hm);
}

static void compare(double analytic, double num, const char *what, size_t idx, const char *mode)
{
    if (isnan(num)) {
        skipped++;
        return;
    }
    checked++;
    if (!(fabs(analytic - num) <= 2e-2 * (1 + fabs(num)))) {
        if (failures++ < 10)
            printf("  FAIL %s[%zu] (%s): backward %.6g, finite difference %.6g\n", what, idx, mode, analytic, num);
    }
}

static void run(unsigned share, activ_mode mode)
{
    size_t batch = 2, inner = 3;
    activ_layer L;
    char err[256];
    double p[ACTIV_MAX_PARAMS];
    sw_params(E, 1, p); /* not the defaults: APL, MeLU and kin are trivial there */
    int kidx = activ_param_index(E, "k");
    size_t k = E->kind == ACTIV_KIND_MAXOUT && kidx >= 0 ? (size_t)p[kidx] : 1;
    size_t C = E->kind == ACTIV_KIND_MAXOUT ? 2 * k : 4;
    if (activ_layer_init(&L, E, p, share, C, inner, err, sizeof err)) {
        printf("  FAIL init: %s\n", err);
        failures++;
        return;
    }
    L.mode = mode;
    L.seed = 42;
    L.step = 3;
    size_t nx = batch * C * inner, ny = batch * activ_layer_out_channels(&L) * inner;
    float *x = malloc(nx * sizeof *x), *w = malloc(ny * sizeof *w), *dx = malloc(nx * sizeof *dx);
    size_t np = E->nparams * L.nshare;
    float *dp = calloc(np + 1, sizeof *dp);
    uint64_t s = 1234 + share * 7 + (unsigned)mode;
    for (size_t i = 0; i < nx; i++) x[i] = (float)(4 * sw_uniform(&s) - 2);
    for (size_t i = 0; i < ny; i++) w[i] = (float)(2 * sw_uniform(&s) - 1);
    /* small parameter jitter per slot so that slots differ */
    for (unsigned q = 0; q < E->nparams; q++)
        if (E->params[q].flags & ACTIV_P_TRAINABLE)
            for (size_t sl = 0; sl < L.nshare; sl++) {
                float v = L.params[q * L.nshare + sl] * (float)(1 + 0.05 * (sw_uniform(&s) - 0.5));
                if (activ_param_check(&E->params[q], v) == 0) L.params[q * L.nshare + sl] = v;
            }
    activ_layer_backward(&L, batch, x, w, dx, dp);
    const char *mname = mode == ACTIV_MODE_TRAIN ? "train" : "eval";
    for (size_t i = 0; i < nx; i++) compare(dx[i], numeric(&L, batch, x, w, &x[i]), "dx", i, mname);
    for (unsigned q = 0; q < E->nparams; q++) {
        if (!(E->params[q].flags & ACTIV_P_TRAINABLE)) continue;
        for (size_t sl = 0; sl < L.nshare; sl++) {
            size_t at = q * L.nshare + sl;
            compare(dp[at], numeric(&L, batch, x, w, &L.params[at]), E->params[q].name, sl, mname);
        }
    }
    if (E->kind == ACTIV_KIND_STOCHASTIC && mode == ACTIV_MODE_TRAIN) {
        double a = loss(&L, batch, x, w), b = loss(&L, batch, x, w);
        L.step++;
        double c = loss(&L, batch, x, w);
        if (a != b) failures++, printf("  FAIL the same step gives different draws\n");
        if (a == c) failures++, printf("  FAIL another step gives the same draws\n");
    }
    free(x), free(w), free(dx), free(dp);
    activ_layer_free(&L);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ENTRY\n", argv[0]);
        return 2;
    }
    E = sw_entry_or_die(argv[1]);
    unsigned allowed = 0;
    for (unsigned q = 0; q < E->nparams; q++)
        if (E->params[q].flags & (ACTIV_P_TRAINABLE | ACTIV_P_DATA))
            allowed |= E->params[q].share ? E->params[q].share : ACTIV_SHARE_SCALAR;
    if (!allowed) allowed = ACTIV_SHARE_SCALAR;
    for (unsigned share = 1; share <= ACTIV_SHARE_UNIT; share <<= 1) {
        if (!(allowed & share)) continue;
        /* every parameter that is shared must allow this way */
        int ok = 1;
        for (unsigned q = 0; q < E->nparams; q++)
            if ((E->params[q].flags & (ACTIV_P_TRAINABLE | ACTIV_P_DATA)) &&
                !((E->params[q].share ? E->params[q].share : ACTIV_SHARE_SCALAR) & share))
                ok = 0;
        if (!ok) continue;
        run(share, ACTIV_MODE_TRAIN);
        run(share, ACTIV_MODE_EVAL);
    }
    printf("%s (%s): %ld gradients checked, %ld near kinks skipped\n%s\n", E->name, activ_kind_name(E->kind), checked,
           skipped, failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
