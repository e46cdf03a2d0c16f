import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthContext.tsx';
import { CartProvider } from './cart/CartContext.tsx';
import { Layout } from './components/Layout.tsx';
import './styles/global.css';

// One chunk per page: the first visit loads the shell and the page it lands on only.
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const CategoryPage = lazy(() => import('./pages/CategoryPage.tsx'));
const SearchPage = lazy(() => import('./pages/SearchPage.tsx'));
const ProductPage = lazy(() => import('./pages/ProductPage.tsx'));
const CartPage = lazy(() => import('./pages/CartPage.tsx'));
const CheckoutPage = lazy(() => import('./pages/CheckoutPage.tsx'));
const ConfirmationPage = lazy(() => import('./pages/ConfirmationPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const CallbackPage = lazy(() => import('./pages/CallbackPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Without transitions a click replaces the page at once (a loading state, then the new page) rather than
        leaving the old page on screen, still interactive, until the next one is ready. */}
    <BrowserRouter useTransitions={false}>
      <AuthProvider>
        <CartProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="c/:categoryId" element={<CategoryPage />} />
              <Route path="search" element={<SearchPage />} />
              <Route path="p/:handle" element={<ProductPage />} />
              <Route path="cart" element={<CartPage />} />
              <Route path="checkout" element={<CheckoutPage />} />
              <Route path="orders/:id/confirmation" element={<ConfirmationPage />} />
              <Route path="account" element={<AccountPage />} />
              <Route path="callback" element={<CallbackPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </CartProvider>
      </AuthProvider>
    </BrowserRouter>
  </StrictMode>,
);
