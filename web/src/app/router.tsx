import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { Navigate, createBrowserRouter } from 'react-router-dom';
import { useSession } from '../features/auth/session.tsx';
import { RequireActiveSession, RequireNav } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { canOpen, landingPath } from './navigation.ts';
import type { NavKey } from './navigation.ts';
import { RouteErrorScreen } from './pages/error-boundary.tsx';
import { PageLoading } from './pages/loading.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

// Feature pages load on demand (still same-origin chunks: the CSP allows 'self' only). The login flow too:
// its forms are not needed by a reload of a signed-in page (docs/decisions/0031-first-load.md).
const LoginPage = lazy(() => import('../features/auth/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('../features/home/home-page.tsx').then((m) => ({ default: m.HomePage })));
const EnterprisesPage = lazy(() =>
  import('../features/enterprises/enterprises-page.tsx').then((m) => ({ default: m.EnterprisesPage })),
);
const ForecastPage = lazy(() => import('../features/analysis/forecast-page.tsx').then((m) => ({ default: m.ForecastPage })));
const AnalysisReportsPage = lazy(() => import('../features/analysis/analysis-reports-page.tsx').then((m) => ({ default: m.AnalysisReportsPage })));
const CockpitPage = lazy(() => import('../features/cockpit/cockpit-page.tsx').then((m) => ({ default: m.CockpitPage })));
const MonitoringPage = lazy(() => import('../features/statistics/monitoring-page.tsx').then((m) => ({ default: m.MonitoringPage })));
const ReportsPage = lazy(() => import('../features/statistics/reports-page.tsx').then((m) => ({ default: m.ReportsPage })));
const PlanPage = lazy(() => import('../features/plan/plan-page.tsx').then((m) => ({ default: m.PlanPage })));
const PlanImportPage = lazy(() => import('../features/plan/plan-import-page.tsx').then((m) => ({ default: m.PlanImportPage })));
const PlanComparePage = lazy(() => import('../features/plan/plan-compare-page.tsx').then((m) => ({ default: m.PlanComparePage })));
const EnterpriseProfilePage = lazy(() => import('../features/enterprises/enterprise-profile-page.tsx').then((m) => ({ default: m.EnterpriseProfilePage })));
const ProjectsPage = lazy(() => import('../features/projects/projects-page.tsx').then((m) => ({ default: m.ProjectsPage })));
const ProjectDetailPage = lazy(() => import('../features/projects/project-detail-page.tsx').then((m) => ({ default: m.ProjectDetailPage })));
const CarriersPage = lazy(() => import('../features/carriers/carriers-page.tsx').then((m) => ({ default: m.CarriersPage })));
const CarrierDetailPage = lazy(() => import('../features/carriers/carrier-detail-page.tsx').then((m) => ({ default: m.CarrierDetailPage })));
const PlatformsPage = lazy(() => import('../features/catalogue/platforms-page.tsx').then((m) => ({ default: m.PlatformsPage })));
const ExpertsPage = lazy(() => import('../features/catalogue/experts-page.tsx').then((m) => ({ default: m.ExpertsPage })));
const DepartmentsPage = lazy(() => import('../features/departments/departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })));
const ChainMapPage = lazy(() => import('../features/chain-map/chain-map-page.tsx').then((m) => ({ default: m.ChainMapPage })));
const AttractionPage = lazy(() => import('../features/attraction/attraction-page.tsx').then((m) => ({ default: m.AttractionPage })));
const ChainsPage = lazy(() => import('../features/chains/chains-page.tsx').then((m) => ({ default: m.ChainsPage })));
const UsersPage = lazy(() => import('../features/admin-users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const RolesScopesPage = lazy(() =>
  import('../features/security/roles-scopes-page.tsx').then((m) => ({ default: m.RolesScopesPage })),
);
const SecuritySettingsPage = lazy(() =>
  import('../features/security/security-settings-page.tsx').then((m) => ({ default: m.SecuritySettingsPage })),
);
const OperationsPage = lazy(() => import('../features/operations/operations-page.tsx').then((m) => ({ default: m.OperationsPage })));
const WarningsPage = lazy(() => import('../features/warnings/warnings-page.tsx').then((m) => ({ default: m.WarningsPage })));
const SupervisionPage = lazy(() => import('../features/supervision/supervision-page.tsx').then((m) => ({ default: m.SupervisionPage })));
const SupervisionItemPage = lazy(() => import('../features/supervision/item-page.tsx').then((m) => ({ default: m.SupervisionItemPage })));
const TechTransferPage = lazy(() => import('../features/tech-transfer/tech-transfer-page.tsx').then((m) => ({ default: m.TechTransferPage })));
const ListingDetailPage = lazy(() => import('../features/tech-transfer/listing-detail-page.tsx').then((m) => ({ default: m.ListingDetailPage })));
const ServicesPage = lazy(() => import('../features/services/services-page.tsx').then((m) => ({ default: m.ServicesPage })));
const NotificationsPage = lazy(() => import('../features/notifications/notifications-page.tsx').then((m) => ({ default: m.NotificationsPage })));
const AuditLogPage = lazy(() => import('../features/audit/audit-log-page.tsx').then((m) => ({ default: m.AuditLogPage })));
const AccountPasswordPage = lazy(() =>
  import('../features/auth/account-password-page.tsx').then((m) => ({ default: m.AccountPasswordPage })),
);
const AccountMfaPage = lazy(() => import('../features/auth/account-mfa-page.tsx').then((m) => ({ default: m.AccountMfaPage })));

/** `/` is Home for business roles; the three administrators land on their first menu entry instead. */
function IndexPage() {
  const { session } = useSession();
  const role = session?.user.role;
  return canOpen('home', role) ? <HomePage /> : <Navigate to={landingPath(role)} replace />;
}

const guarded = (navKey: NavKey, page: ReactNode) => <RequireNav navKey={navKey}>{page}</RequireNav>;

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      element: (
        <Suspense fallback={<PageLoading fullScreen />}>
          <LoginPage />
        </Suspense>
      ),
      errorElement: <RouteErrorScreen />,
    },
    {
      element: <RequireActiveSession />,
      errorElement: <RouteErrorScreen />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <IndexPage /> },
            { path: 'enterprises', element: guarded('enterprises', <EnterprisesPage />) },
            { path: 'enterprises/:id', element: guarded('enterprises', <EnterpriseProfilePage />) },
            { path: 'projects', element: guarded('projects', <ProjectsPage />) },
            { path: 'projects/:id', element: guarded('projects', <ProjectDetailPage />) },
            { path: 'carriers', element: guarded('carriers', <CarriersPage />) },
            { path: 'carriers/:id', element: guarded('carriers', <CarrierDetailPage />) },
            { path: 'platforms', element: guarded('platforms', <PlatformsPage />) },
            { path: 'experts', element: guarded('experts', <ExpertsPage />) },
            { path: 'chains', element: guarded('chains', <ChainsPage />) },
            { path: 'chain-map', element: guarded('chainMap', <ChainMapPage />) },
            { path: 'attraction', element: guarded('attraction', <AttractionPage />) },
            { path: 'departments', element: guarded('departments', <DepartmentsPage />) },
            { path: 'cockpit', element: guarded('cockpit', <CockpitPage />) },
            { path: 'forecast', element: guarded('forecast', <ForecastPage />) },
            { path: 'analysis-reports', element: guarded('analysisReports', <AnalysisReportsPage />) },
            { path: 'monitoring', element: guarded('monitoring', <MonitoringPage />) },
            { path: 'reports', element: guarded('reports', <ReportsPage />) },
            { path: 'plan', element: guarded('plan', <PlanPage />) },
            { path: 'plan/import', element: guarded('plan', <PlanImportPage />) },
            { path: 'plan/compare', element: guarded('plan', <PlanComparePage />) },
            { path: 'admin/users', element: guarded('users', <UsersPage />) },
            { path: 'security/roles', element: guarded('roles', <RolesScopesPage />) },
            { path: 'security/settings', element: guarded('securitySettings', <SecuritySettingsPage />) },
            { path: 'audit', element: guarded('audit', <AuditLogPage />) },
            { path: 'operations', element: guarded('operations', <OperationsPage />) },
            { path: 'warnings', element: guarded('warnings', <WarningsPage />) },
            { path: 'supervision', element: guarded('supervision', <SupervisionPage />) },
            { path: 'supervision/items/:id', element: guarded('supervision', <SupervisionItemPage />) },
            { path: 'services', element: guarded('services', <ServicesPage />) },
            { path: 'tech-transfer', element: guarded('techTransfer', <TechTransferPage />) },
            { path: 'tech-transfer/listings/:id', element: guarded('techTransfer', <ListingDetailPage />) },
            // Every signed-in account has an inbox (its own notifications only; the server keys them by user).
            { path: 'notifications', element: <NotificationsPage /> },
            { path: 'account/password', element: <AccountPasswordPage /> },
            { path: 'account/mfa', element: <AccountMfaPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
