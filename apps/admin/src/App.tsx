import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/useSession.ts';
import { CallbackPage } from './pages/CallbackPage.tsx';
import { SignedOutPage } from './pages/SignedOutPage.tsx';
import { Layout } from './ui/Layout.tsx';

const OrdersPage = lazy(() => import('./pages/orders/OrdersPage.tsx'));
const OrderPage = lazy(() => import('./pages/orders/OrderPage.tsx'));
const SystemPage = lazy(() => import('./pages/system/SystemPage.tsx'));
const ProductsPage = lazy(() => import('./pages/products/ProductsPage.tsx'));
const ProductPage = lazy(() => import('./pages/products/ProductPage.tsx'));
const ImportPage = lazy(() => import('./pages/import/ImportPage.tsx'));
const PricingPage = lazy(() => import('./pages/pricing/PricingPage.tsx'));
const PriceListPage = lazy(() => import('./pages/pricing/PriceListPage.tsx'));
const InventoryPage = lazy(() => import('./pages/inventory/InventoryPage.tsx'));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export function App() {
  const session = useSession();
  return (
    <BrowserRouter basename="/admin">
      <Routes>
        <Route path="callback" element={<CallbackPage />} />
        <Route element={session ? <Layout /> : <SignedOutPage />}>
          <Route index element={<Navigate to="/orders" replace />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:id" element={<OrderPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="pricing" element={<PricingPage />} />
          <Route path="pricing/lists/:id" element={<PriceListPage />} />
          <Route path="inventory" element={<InventoryPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="system" element={<SystemPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
