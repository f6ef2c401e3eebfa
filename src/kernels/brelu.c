/*
 * BReLU / ReLU6: min(max(0, x), a); f' = 1[0 < x < a] (PyTorch/TensorFlow
 * ReLU6 mask: f'(0) = f'(a) = 0); d/da = 1[x >= a].  From the output the
 * same mask holds on y (y = x on (0, a), y = 0 or a elsewhere).
 * Exact: compares and selects only, no rounding.
 */
#include "kernel.h"

V_INLINE vf brelu_f(vf x, const vf *P) { return vsel(x > 0, vmin(x, P[0]), vset(0)); }
V_INLINE vf brelu_df(vf x, const vf *P) { return vsel((x > 0) & (x < P[0]), vset(1), vset(0)); }
V_INLINE vf brelu_dy(vf y, const vf *P) { return vsel((y > 0) & (y < P[0]), vset(1), vset(0)); }
V_INLINE void brelu_dp(vf x, const vf *P, vf *g) { g[0] = vsel(x >= P[0], vset(1), vset(0)); }
ACTIV_KERNEL_YP(brelu, 1, 0, 0, 0, NULL)
