import { Grid, makeStyles, Paper, Theme } from '@material-ui/core';
import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';
import { SearchType } from '@backstage/plugin-search';
import {
  SearchBar,
  SearchFilter,
  SearchPagination,
  SearchResult,
  useSearch,
} from '@backstage/plugin-search-react';
import { CatalogIcon, Content, Header, Page } from '@backstage/core-components';
import DeveloperModeIcon from '@material-ui/icons/DeveloperMode';
import {
  OktetoDevSearchFilters,
  OktetoDevSearchResultListItem,
} from '@okteto-dev/plugin-okteto-dev';

const useStyles = makeStyles((theme: Theme) => ({
  bar: { padding: theme.spacing(1, 0) },
  filters: { padding: theme.spacing(2), marginTop: theme.spacing(2) },
  filter: { '& + &': { marginTop: theme.spacing(2.5) } },
}));

const SearchPage = () => {
  const classes = useStyles();
  const { types } = useSearch();

  return (
    <Page themeId="home">
      <Header title="Search" />
      <Content>
        <Grid container direction="row">
          <Grid item xs={12}>
            <Paper className={classes.bar}>
              <SearchBar />
            </Paper>
          </Grid>
          <Grid item xs={3}>
            <SearchType.Accordion
              name="Result Type"
              defaultValue="software-catalog"
              types={[
                {
                  value: 'software-catalog',
                  name: 'Software Catalog',
                  icon: <CatalogIcon />,
                },
                {
                  value: 'okteto-dev',
                  name: 'Dev environments',
                  icon: <DeveloperModeIcon />,
                },
              ]}
            />
            <Paper className={classes.filters}>
              {types.includes('okteto-dev') ? (
                <OktetoDevSearchFilters />
              ) : (
                <SearchFilter.Select
                  className={classes.filter}
                  label="Kind"
                  name="kind"
                  values={['Component', 'Template']}
                />
              )}
            </Paper>
          </Grid>
          <Grid item xs={9}>
            <SearchPagination />
            <SearchResult>
              <OktetoDevSearchResultListItem icon={<DeveloperModeIcon />} />
              <CatalogSearchResultListItem icon={<CatalogIcon />} />
            </SearchResult>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};

export const searchPage = <SearchPage />;
