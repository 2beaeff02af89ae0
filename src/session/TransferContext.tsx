import { createContext, useContext } from 'react';
import type { TransferService } from './transfer';

/**
 * Export and Import belong to the full viewer only. The composition root provides them here rather than
 * `Session` owning them, so the widget's bundle, which shares `Session`, carries none of their code.
 */
const TransferContext = createContext<TransferService | null>(null);
export const TransferProvider = TransferContext.Provider;

export function useTransfer(): TransferService {
  const transfer = useContext(TransferContext);
  if (!transfer) throw new Error('useTransfer() needs a TransferProvider above it');
  return transfer;
}
