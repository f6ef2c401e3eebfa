/*
 * The network: a list of layers over NCHW float tensors, each with its
 * forward and backward side by side in its own file (dense.c, conv.c,
 * pool.c, norm.c, dropout.c, residual.c, act_layer.c).
 *
 * Buffers are allocated once for the largest batch (net_reserve) and reused:
 * on this kind of machine a fresh page costs ~16 us to fault in, so
 * allocating per step would dominate a CNN's time.
 */
#ifndef ACTIV_NET_H
#define ACTIV_NET_H

#include <stddef.h>
#include <stdint.h>

#include "activ/activ.h"
#include "activ/train.h"

/* A trainable tensor and its gradient (overwritten by each backward). */
typedef struct net_param {
    float *v, *g;
    size_t n;
    int decay;              /* weight decay applies (weights of dense and conv layers) */
    int act;                /* an activation's parameter (decayed only when asked) */
    const activ_param *def; /* activation parameter: its range, to clamp after each update */
} net_param;

typedef struct net_layer net_layer;

typedef struct net_layer_ops {
    const char *kind;
    /* y = layer(x) for n samples; train selects batch statistics, dropout, random draws */
    void (*forward)(net_layer *L, const float *x, float *y, size_t n, int train);
    /* parameter gradients from dy, and dx (NULL for the first layer: not needed) */
    void (*backward)(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n);
    /* buffers that depend on the batch size (NULL: none) */
    int (*reserve)(net_layer *L, size_t batch);
    /* frees what the layer owns besides priv and mem (NULL: nothing) */
    void (*release)(net_layer *L);
} net_layer_ops;

enum { NET_MAX_LAYER_PARAMS = ACTIV_MAX_PARAMS + 2 };

struct net_layer {
    const net_layer_ops *ops;
    int in_c, in_h, in_w, out_c, out_h, out_w;
    size_t in_dim, out_dim; /* per sample */
    net_param params[NET_MAX_LAYER_PARAMS];
    int nparams;
    float *state;       /* running statistics (batch norm): saved, not trained */
    size_t nstate;
    int skip_from;      /* residual add: the layer whose input is the shortcut; -1 otherwise */
    uint64_t seed;      /* dropout and stochastic activations */
    uint64_t step;
    char desc[96];      /* e.g. "conv 32 k3 s1 p1" */
    void *priv;         /* the layer's own configuration and scratch (freed with the layer) */
    float *mem;         /* storage of params (and state), freed with the layer */
};

struct activ_net {
    net_layer *layers;
    int nlayers;
    int in_c, in_h, in_w, classes;
    size_t batch_cap;
    float **out;  /* out[i]: output of layer i, batch_cap * out_dim */
    float **grad; /* grad[i]: d loss / d out[i] */
    char *model, *act;
    char summary[8192];
    double *prof; /* with profiling on: seconds per layer, forward [0, nlayers) then backward */
};

/* Layer constructors: set ops, shapes, params; 0 or -1 with a message. */
int net_dense_init(net_layer *L, int units, char *err, size_t errlen);
int net_conv_init(net_layer *L, int filters, int k, int stride, int pad, int groups, char *err, size_t errlen);
int net_pool_init(net_layer *L, int max, int k, int stride, char *err, size_t errlen);
int net_gap_init(net_layer *L, char *err, size_t errlen);
int net_batchnorm_init(net_layer *L, char *err, size_t errlen);
int net_layernorm_init(net_layer *L, char *err, size_t errlen);
int net_dropout_init(net_layer *L, double rate, char *err, size_t errlen);
int net_flatten_init(net_layer *L, char *err, size_t errlen);
int net_identity_init(net_layer *L, char *err, size_t errlen); /* the start of a residual block */
int net_add_init(net_layer *L, const net_layer *skip_src, int skip_from, char *err, size_t errlen);
int net_act_init(net_layer *L, const char *spec, unsigned share, char *err, size_t errlen);

/* Weight initialisation of a dense or conv layer: W of fan_in x fan_out. */
void net_init_weights(float *w, size_t n, size_t fan_in, size_t fan_out, const char *scheme, uint64_t seed);

int net_reserve(activ_net *net, size_t batch);
/* Forward of n samples; returns the logits (out of the last layer). */
const float *net_forward(activ_net *net, const float *x, size_t n, int train);
/* Backward from grad of the last layer (already set), through every layer. */
void net_backward(activ_net *net, const float *x, size_t n);

/* Softmax cross-entropy, mean over n: loss, correct predictions, and d loss / d logits into dlogits (may be NULL). */
double net_softmax_xent(const float *logits, const uint8_t *labels, size_t n, int classes, float *dlogits,
                        size_t *correct);

/* Every parameter of the network in order (for optimisers and checkpoints). */
size_t net_param_list(activ_net *net, net_param **out, size_t max);

/* Every parameter and running statistic as one array (snapshot.c). */
size_t net_snapshot_size(const activ_net *net);
void net_snapshot(const activ_net *net, float *buf);
void net_restore(activ_net *net, const float *buf);

/* Threads for OpenMP loops, OpenBLAS and the activation kernels together. */
void net_set_threads(int n);

/* Counter-based random numbers: one 64-bit hash per (key, counter). */
static inline uint64_t net_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
static inline double net_uniform(uint64_t key, uint64_t counter)
{
    return (double)(net_mix(key ^ net_mix(counter)) >> 11) * 0x1.0p-53;
}

#endif
