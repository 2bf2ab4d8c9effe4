#pragma once
// The engine's storage: row-major, batch-major Eigen matrices.
//   activations  [batch × units]
//   W⁽ˡ⁾         [units_out × units_in]  (row j = the weights into unit j)
// Row-major so that a batch of B rows is the contiguous prefix of a matrix
// with more rows (workspaces are allocated once for the largest batch).
#include <Eigen/Core>

namespace bpl {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

}  // namespace bpl
