/*
 * Threshold (PyTorch): x if x > threshold, else value; f' = 1[x > threshold]
 * (f(threshold) = value, f'(threshold) = 0, as PyTorch and the scalar code);
 * d/dthreshold = 0 away from the jump, d/dvalue = 1[x <= threshold].
 * No from-output form (f' is not a function of y when value lies above the
 * threshold).  Exact: compares and selects only.
 */
#include "kernel.h"

V_INLINE vf threshold_f(vf x, const vf *P) { return vsel(x > P[0], x, P[1]); }
V_INLINE vf threshold_df(vf x, const vf *P) { return vsel(x > P[0], vset(1), vset(0)); }
V_INLINE void threshold_dp(vf x, const vf *P, vf *g)
{
    g[0] = vset(0);
    g[1] = vsel(x > P[0], vset(0), vset(1));
}
ACTIV_KERNEL_P(threshold, 2, 0, 0, 0, NULL)
