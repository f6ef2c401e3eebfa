/*
 * Layers that only move data: flatten (C x H x W -> C*H*W x 1 x 1, the same
 * NCHW order), the identity that opens a residual block, and the add that
 * closes it (y = x + the block's input; net.c routes the shortcut's gradient
 * back to the block's input).
 *
 * forward y = x;  backward dx = dy   (for all three; add's second term is net.c's)
 */
#include <stdio.h>
#include <string.h>

#include "net/net.h"

static void copy_forward(net_layer *L, const float *x, float *y, size_t n, int train)
{
    (void)train;
    if (y != x) memcpy(y, x, n * L->in_dim * sizeof *y);
}

static void copy_backward(net_layer *L, const float *x, const float *y, const float *dy, float *dx, size_t n)
{
    (void)x, (void)y;
    if (dx && dx != dy) memcpy(dx, dy, n * L->in_dim * sizeof *dx);
}

static const net_layer_ops flatten_ops = {"flatten", copy_forward, copy_backward, NULL, NULL};
static const net_layer_ops identity_ops = {"res", copy_forward, copy_backward, NULL, NULL};
static const net_layer_ops add_ops = {"add", copy_forward, copy_backward, NULL, NULL};

int net_flatten_init(net_layer *L, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    L->ops = &flatten_ops;
    L->out_c = (int)L->in_dim, L->out_h = L->out_w = 1, L->out_dim = L->in_dim;
    snprintf(L->desc, sizeof L->desc, "flatten");
    return 0;
}

int net_identity_init(net_layer *L, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    L->ops = &identity_ops;
    L->out_c = L->in_c, L->out_h = L->in_h, L->out_w = L->in_w, L->out_dim = L->in_dim;
    snprintf(L->desc, sizeof L->desc, "res {");
    return 0;
}

int net_add_init(net_layer *L, const net_layer *skip_src, int skip_from, char *err, size_t errlen)
{
    if (skip_src->in_c != L->in_c || skip_src->in_h != L->in_h || skip_src->in_w != L->in_w) {
        snprintf(err, errlen, "res: the block maps %dx%dx%d to %dx%dx%d; a residual block must keep the shape",
                 skip_src->in_c, skip_src->in_h, skip_src->in_w, L->in_c, L->in_h, L->in_w);
        return -1;
    }
    L->ops = &add_ops, L->skip_from = skip_from;
    L->out_c = L->in_c, L->out_h = L->in_h, L->out_w = L->in_w, L->out_dim = L->in_dim;
    snprintf(L->desc, sizeof L->desc, "} + shortcut");
    return 0;
}
