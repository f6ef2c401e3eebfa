/*
 * Maxout's element map, the identity (the layer takes the maximum over each
 * group of k channels): f = x, f' = 1, no gradient for k.  Exact.
 */
#include "kernel.h"

V_INLINE vf maxout_f(vf x, const vf *P)
{
    (void)P;
    return x;
}
V_INLINE vf maxout_df(vf x, const vf *P)
{
    (void)x, (void)P;
    return vset(1);
}
#define maxout_dy maxout_df
V_INLINE void maxout_dp(vf x, const vf *P, vf *g)
{
    (void)x, (void)P;
    g[0] = vset(0);
}
ACTIV_KERNEL_YP(maxout, 1, 0, 0, 0, NULL)
