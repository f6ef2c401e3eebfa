/*
 * Hardtanh: min(max(x, min_val), max_val); f' = 1 on the open interval
 * (min_val, max_val), 0 at and beyond both ends (PyTorch's convention, as
 * the double code); d/dmin_val = 1[x <= min_val],
 * d/dmax_val = 1[x > min_val and x >= max_val].  Exact: compares and
 * selects only.
 */
#include "kernel.h"

V_INLINE vf hardtanh_f(vf x, const vf *P)
{
    return vsel(x <= P[0], P[0], vsel(x >= P[1], P[1], x));
}
V_INLINE vf hardtanh_df(vf x, const vf *P)
{
    return vsel((x > P[0]) & (x < P[1]), vset(1), vset(0));
}
V_INLINE vf hardtanh_dy(vf y, const vf *P)
{
    return vsel((y > P[0]) & (y < P[1]), vset(1), vset(0));
}
V_INLINE void hardtanh_dp(vf x, const vf *P, vf *g)
{
    g[0] = vsel(x <= P[0], vset(1), vset(0));
    g[1] = vsel((x > P[0]) & (x >= P[1]), vset(1), vset(0));
}
ACTIV_KERNEL_YP(hardtanh, 2, 0, 0, 0, NULL)
