/*
 * Leaky ReLU and PReLU: x for x > 0, a*x otherwise; f' = 1 or a; df/da = x
 * for x <= 0.  Correctly rounded (one multiply).
 */
#include "kernel.h"

V_INLINE vf leaky_relu_f(vf x, const vf *P) { return vsel(x > 0, x, P[0] * x); }
V_INLINE vf leaky_relu_df(vf x, const vf *P) { return vsel(x > 0, vset(1), P[0]); }
V_INLINE vf leaky_relu_dy(vf y, const vf *P) { return vsel(y > 0, vset(1), P[0]); }
V_INLINE void leaky_relu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vsel(x > 0, vset(0), x);
}
ACTIV_KERNEL_YP(leaky_relu, 1, 0.5f, 0, 0, NULL)

/* PReLU is the same function with a learned slope. */
#define prelu_f leaky_relu_f
#define prelu_df leaky_relu_df
#define prelu_dy leaky_relu_dy
#define prelu_dp leaky_relu_dp
ACTIV_KERNEL_YP(prelu, 1, 0.5f, 0, 0, NULL)
