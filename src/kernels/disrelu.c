/*
 * DisReLU (displaced ReLU): max(x, -delta); f' = 1[x > -delta]
 * (f'(-delta) = 0); d/ddelta = -1[x <= -delta]; from the output the same
 * mask on y.  Exact: compares and selects only.
 */
#include "kernel.h"

V_INLINE vf disrelu_f(vf x, const vf *P) { return vsel(x > -P[0], x, -P[0]); }
V_INLINE vf disrelu_df(vf x, const vf *P) { return vsel(x > -P[0], vset(1), vset(0)); }
V_INLINE vf disrelu_dy(vf y, const vf *P) { return vsel(y > -P[0], vset(1), vset(0)); }
V_INLINE void disrelu_dp(vf x, const vf *P, vf *g) { g[0] = vsel(x > -P[0], vset(0), vset(-1)); }
ACTIV_KERNEL_YP(disrelu, 1, 0, 0, 0, NULL)
