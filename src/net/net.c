/*
 * The network as a list of layers: forward through them in order, backward
 * in reverse, with a residual block's shortcut gradient added where the
 * block began.
 */
#include <cblas.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

/* OpenBLAS's own thread count (declared by its cblas.h in some builds only) */
void openblas_set_num_threads(int);

void net_set_threads(int n)
{
    if (n <= 0) n = omp_get_num_procs();
    omp_set_num_threads(n);
    openblas_set_num_threads(n);
    activ_set_threads(n);
}

int net_reserve(activ_net *net, size_t batch)
{
    if (batch <= net->batch_cap) return 0;
    for (int i = 0; i < net->nlayers; i++) {
        net_layer *L = &net->layers[i];
        free(net->out[i]), free(net->grad[i]);
        net->out[i] = malloc(batch * L->out_dim * sizeof(float));
        net->grad[i] = malloc(batch * L->out_dim * sizeof(float));
        if (!net->out[i] || !net->grad[i]) return -1;
        if (L->ops->reserve && L->ops->reserve(L, batch)) return -1;
    }
    net->batch_cap = batch;
    return 0;
}

const float *net_forward(activ_net *net, const float *x, size_t n, int train)
{
    const float *in = x;
    for (int i = 0; i < net->nlayers; i++) {
        net_layer *L = &net->layers[i];
        const double t0 = net->prof ? omp_get_wtime() : 0;
        L->ops->forward(L, in, net->out[i], n, train);
        if (L->skip_from >= 0) {
            const float *skip = L->skip_from ? net->out[L->skip_from - 1] : x;
            float *y = net->out[i];
            for (size_t k = 0; k < n * L->out_dim; k++) y[k] += skip[k];
        }
        if (net->prof && train) net->prof[i] += omp_get_wtime() - t0;
        in = net->out[i];
    }
    return in;
}

/* does any layer before i learn? (if not, layer i need not compute its dx) */
static int learns_before(const activ_net *net, int i)
{
    for (int j = 0; j < i; j++)
        if (net->layers[j].nparams) return 1;
    return 0;
}

void net_backward(activ_net *net, const float *x, size_t n)
{
    for (int i = net->nlayers - 1; i >= 0; i--) {
        net_layer *L = &net->layers[i];
        const float *in = i ? net->out[i - 1] : x;
        float *dx = learns_before(net, i) ? net->grad[i - 1] : NULL;
        const double t0 = net->prof ? omp_get_wtime() : 0;
        L->ops->backward(L, in, net->out[i], net->grad[i], dx, n);
        /* the shortcut of every block that began at layer i carries its gradient here too */
        for (int j = i; dx && j < net->nlayers; j++)
            if (net->layers[j].skip_from == i)
                for (size_t k = 0; k < n * L->in_dim; k++) dx[k] += net->grad[j][k];
        if (net->prof) net->prof[net->nlayers + i] += omp_get_wtime() - t0;
    }
}

int activ_net_profile(activ_net *net, int on)
{
    free(net->prof);
    net->prof = on ? calloc(2 * (size_t)net->nlayers, sizeof *net->prof) : NULL;
    return on && !net->prof ? -1 : 0;
}

const char *activ_net_profile_report(const activ_net *net)
{
    activ_net *m = (activ_net *)net;
    if (!net->prof) return "";
    double total = 0;
    for (int i = 0; i < 2 * net->nlayers; i++) total += net->prof[i];
    size_t at = 0, cap = sizeof m->summary;
    at += snprintf(m->summary + at, cap - at, "  %-34s %10s %10s %7s\n", "layer (training steps)", "forward s",
                   "backward s", "share");
    for (int i = 0; i < net->nlayers && at < cap; i++) {
        const double f = net->prof[i], b = net->prof[net->nlayers + i];
        at += snprintf(m->summary + at, cap - at, "  %-34s %10.3f %10.3f %6.1f%%\n", net->layers[i].desc, f, b,
                       total > 0 ? 100 * (f + b) / total : 0.0);
    }
    if (at < cap) snprintf(m->summary + at, cap - at, "  %-34s %21.3f\n", "total (loss and optimiser not included)", total);
    return m->summary;
}

size_t net_param_list(activ_net *net, net_param **out, size_t max)
{
    size_t count = 0;
    for (int i = 0; i < net->nlayers; i++)
        for (int k = 0; k < net->layers[i].nparams; k++) {
            if (count < max) out[count] = &net->layers[i].params[k];
            count++;
        }
    return count;
}

size_t activ_net_param_count(const activ_net *net)
{
    size_t total = 0;
    for (int i = 0; i < net->nlayers; i++)
        for (int k = 0; k < net->layers[i].nparams; k++) total += net->layers[i].params[k].n;
    return total;
}

const char *activ_net_summary(const activ_net *net)
{
    activ_net *m = (activ_net *)net;
    size_t at = 0, cap = sizeof m->summary;
    at += snprintf(m->summary + at, cap - at, "  %-34s %-14s %10s\n", "layer", "output", "params");
    at += snprintf(m->summary + at, cap - at, "  %-34s %3dx%3dx%-6d %10s\n", "input", net->in_c, net->in_h,
                   net->in_w, "");
    for (int i = 0; i < net->nlayers && at < cap; i++) {
        const net_layer *L = &net->layers[i];
        size_t np = 0;
        for (int k = 0; k < L->nparams; k++) np += L->params[k].n;
        at += snprintf(m->summary + at, cap - at, "  %-34s %3dx%3dx%-6d %10zu\n", L->desc, L->out_c, L->out_h,
                       L->out_w, np);
    }
    if (at < cap)
        snprintf(m->summary + at, cap - at, "  %-34s %-14s %10zu\n", "total", "", activ_net_param_count(net));
    return m->summary;
}

void activ_net_free(activ_net *net)
{
    if (!net) return;
    for (int i = 0; i < net->nlayers; i++) {
        net_layer *L = &net->layers[i];
        if (L->ops && L->ops->release) L->ops->release(L);
        free(L->priv), free(L->mem);
        if (net->out) free(net->out[i]);
        if (net->grad) free(net->grad[i]);
    }
    free(net->layers), free(net->out), free(net->grad), free(net->model), free(net->act), free(net->prof);
    free(net);
}
