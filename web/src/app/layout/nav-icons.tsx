import {
  ApartmentOutlined,
  AuditOutlined,
  BuildOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FundProjectionScreenOutlined,
  SolutionOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  LineChartOutlined,
  BankOutlined,
  HomeOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { NavIcon } from '../navigation.ts';

export const NAV_ICONS: Record<NavIcon, ReactNode> = {
  home: <HomeOutlined />,
  enterprises: <BankOutlined />,
  plan: <ProfileOutlined />,
  users: <TeamOutlined />,
  roles: <SafetyCertificateOutlined />,
  settings: <SettingOutlined />,
  audit: <AuditOutlined />,
  cockpit: <DashboardOutlined />,
  monitoring: <LineChartOutlined />,
  reports: <FileDoneOutlined />,
  projects: <FundProjectionScreenOutlined />,
  carriers: <BuildOutlined />,
  platforms: <ExperimentOutlined />,
  experts: <SolutionOutlined />,
  chains: <ApartmentOutlined />,
  departments: <ClusterOutlined />,
};
