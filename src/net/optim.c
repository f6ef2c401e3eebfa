/*
 * Optimisers, in PyTorch 1.13's exact form so that a recipe gives the same
 * trajectory (up to rounding):
 *   sgd    g += wd p;  buf = mu buf + g (first step: buf = g);  p -= lr buf
 *   adam   g += wd p;  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
 *          p -= lr/(1-b1^t) m / (sqrt(v)/sqrt(1-b2^t) + eps)
 *   adamw  p *= 1 - lr wd, then adam without the wd term
 * Weight decay applies to dense and conv weights, and to activation
 * parameters only when asked; never to biases or normalisation.  After a
 * step, an activation parameter is clamped into its entry's range.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "net/optim.h"

int optim_init(optim *o, activ_net *net, const char *kind, double momentum, double wd, int decay_act)
{
    memset(o, 0, sizeof *o);
    o->kind = !strcmp(kind, "sgd") ? OPTIM_SGD : !strcmp(kind, "adamw") ? OPTIM_ADAMW : OPTIM_ADAM;
    o->momentum = momentum, o->wd = wd, o->decay_act = decay_act;
    o->beta1 = 0.9, o->beta2 = 0.999, o->eps = 1e-8;
    o->n = net_param_list(net, NULL, 0);
    o->params = calloc(o->n ? o->n : 1, sizeof *o->params);
    o->m = calloc(o->n ? o->n : 1, sizeof *o->m);
    o->v = calloc(o->n ? o->n : 1, sizeof *o->v);
    if (!o->params || !o->m || !o->v) return -1;
    net_param_list(net, o->params, o->n);
    for (size_t i = 0; i < o->n; i++) {
        o->m[i] = calloc(o->params[i]->n, sizeof **o->m);
        o->v[i] = o->kind == OPTIM_SGD ? NULL : calloc(o->params[i]->n, sizeof **o->v);
        if (!o->m[i] || (o->kind != OPTIM_SGD && !o->v[i])) return -1;
    }
    return 0;
}

void optim_free(optim *o)
{
    for (size_t i = 0; i < o->n && o->m; i++) {
        free(o->m[i]);
        if (o->v) free(o->v[i]);
    }
    free(o->params), free(o->m), free(o->v);
    memset(o, 0, sizeof *o);
}

static void clamp_to_range(net_param *P)
{
    const activ_param *d = P->def;
    /* an open end keeps a relative margin, so e.g. a scale never reaches 0 */
    const float lo = (float)(d->flags & ACTIV_P_MIN_OPEN ? d->min + 1e-6 * (fabs(d->min) + 1) : d->min);
    const float hi = (float)(d->flags & ACTIV_P_MAX_OPEN ? d->max - 1e-6 * (fabs(d->max) + 1) : d->max);
    for (size_t j = 0; j < P->n; j++) P->v[j] = P->v[j] < lo ? lo : P->v[j] > hi ? hi : P->v[j];
}

void optim_step(optim *o, double lr)
{
    o->t++;
    const double c1 = 1 - pow(o->beta1, (double)o->t), c2 = sqrt(1 - pow(o->beta2, (double)o->t));
    for (size_t i = 0; i < o->n; i++) {
        net_param *P = o->params[i];
        const double wd = (P->decay || (P->act && o->decay_act)) ? o->wd : 0;
        float *restrict m = o->m[i], *restrict v = o->v[i], *restrict p = P->v;
        const float *restrict g = P->g;
        if (o->kind == OPTIM_SGD) {
            const float mu = (float)o->momentum;
            for (size_t j = 0; j < P->n; j++) {
                const float gj = g[j] + (float)wd * p[j];
                m[j] = o->t == 1 ? gj : mu * m[j] + gj;
                p[j] -= (float)lr * m[j];
            }
        } else {
            const float b1 = (float)o->beta1, b2 = (float)o->beta2, step = (float)(lr / c1);
            const float ic2 = (float)(1 / c2), eps = (float)o->eps;
            const int adamw = o->kind == OPTIM_ADAMW;
            const float shrink = adamw ? (float)(1 - lr * wd) : 1.0f, l2 = adamw ? 0.0f : (float)wd;
#pragma omp parallel for schedule(static) if (P->n > 65536)
            for (size_t j = 0; j < P->n; j++) {
                const float gj = g[j] + l2 * p[j];
                p[j] *= shrink;
                m[j] = b1 * m[j] + (1 - b1) * gj;
                v[j] = b2 * v[j] + (1 - b2) * gj * gj;
                p[j] -= step * m[j] / (sqrtf(v[j]) * ic2 + eps);
            }
        }
        if (P->def) clamp_to_range(P);
    }
}
