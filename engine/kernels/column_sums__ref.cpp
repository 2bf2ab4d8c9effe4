// sums[j] = alpha·Σ_r x[r][j] + beta·sums[j]  (bias gradient: alpha = 1/B over the batch).
// Columns go in blocks whose partial sums live in a local array, so the row
// loop is a vectorisable axpy and beta = 0 never reads `sums` (it may be NaN).
// Each column is summed over rows in order 0, 1, …, rows−1.
#include "engine/kernels/variants.h"

namespace bpl::kernels {

template <typename Scalar>
void column_sums__ref(int rows, int cols, Scalar alpha, const Scalar* x, int ldx, Scalar beta,
                      Scalar* sums) {
  expect_matrix_args(rows, cols, ldx);
  constexpr int block = 256;
  Scalar partial[block];
  for (int j0 = 0; j0 < cols; j0 += block) {
    const int width = cols - j0 < block ? cols - j0 : block;
    for (int j = 0; j < width; ++j) partial[j] = Scalar(0);
    for (int r = 0; r < rows; ++r) {
      const Scalar* x_row = x + static_cast<std::ptrdiff_t>(r) * ldx + j0;
      for (int j = 0; j < width; ++j) partial[j] += x_row[j];
    }
    Scalar* out = sums + j0;
    if (beta == Scalar(0)) {
      for (int j = 0; j < width; ++j) out[j] = alpha * partial[j];
    } else {
      for (int j = 0; j < width; ++j) out[j] = alpha * partial[j] + beta * out[j];
    }
  }
}

template void column_sums__ref(int, int, float, const float*, int, float, float*);
template void column_sums__ref(int, int, double, const double*, int, double, double*);

}  // namespace bpl::kernels
