/*
 * EReLU (elastic ReLU) with the slope k as given (parameter 1; drawn per
 * element in training, 1 in evaluation, by the caller): k*x for x > 0, else 0;
 * f' = k 1[x > 0] (f'(0) = 0); d/dk = x for x > 0, d/dalpha = 0.
 * k = 0 gives 0 also at x = +inf (the scalar's ax_mul0).  From the output:
 * k 1[y > 0].  One multiply, correctly rounded: 0.5 ULP.
 */
#include "kernel.h"

V_INLINE vf erelu_f(vf x, const vf *P) { return vsel((x > 0) & (P[1] != 0), P[1] * x, vset(0)); }
V_INLINE vf erelu_df(vf x, const vf *P) { return vsel(x > 0, P[1], vset(0)); }
V_INLINE vf erelu_dy(vf y, const vf *P) { return vsel(y > 0, P[1], vset(0)); }
V_INLINE void erelu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vset(0);
    g[1] = vsel(x > 0, x, vset(0));
}
V_INLINE vf erelu_draw(vdraw d, const vf *P) { return vfma(2.0f * P[0], vdraw_u(d), 1.0f - P[0]); } /* 1 - alpha + 2 alpha u */
ACTIV_KERNEL_DRAWN(erelu, 2, 1, 0.5f, 0, 0, NULL)
